import * as Comlink from 'comlink';
import type { WorkerApi } from '../engine/protocol';

export interface WorkerClient {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Called once if the worker itself fails (load error, crash). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

/** Starts the training worker. tfjs loads there, never on the page, so first paint does not wait for it. */
export function startWorker(): WorkerClient {
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  });
  const api = Comlink.wrap<WorkerApi>(worker);
  return {
    api,
    onCrash(listener) {
      worker.addEventListener('error', (e) => listener(e.message || 'The training worker failed to start.'));
      worker.addEventListener('messageerror', () =>
        listener('The training worker sent a message that could not be read.'),
      );
    },
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export { Comlink };
