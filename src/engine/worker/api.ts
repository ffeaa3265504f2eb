/**
 * The worker's API (`protocol.ts` `WorkerApi`) over one explicit state: the dataset, training, explain and
 * export handlers, each in its own module. Plain async code: the worker exposes this object to the page
 * (`../worker.ts`), and Node tests and the bench call it directly.
 */
import type { WorkerApi } from '../protocol';
import { dataHandlers } from './data';
import { explainHandlers } from './explain';
import { exportHandlers } from './exports';
import { createState, type WorkerOptions } from './state';
import { trainingHandlers } from './training';

export type { WorkerOptions };

export function createWorkerApi(options: WorkerOptions = {}): WorkerApi {
  const state = createState(options);
  return {
    ...dataHandlers(state),
    ...trainingHandlers(state),
    ...explainHandlers(state),
    ...exportHandlers(state),
  } satisfies WorkerApi;
}
