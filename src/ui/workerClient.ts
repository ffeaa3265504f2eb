import * as Comlink from 'comlink';
import { LOCK_HELD, type WorkerApi } from '../engine/protocol';

export interface WorkerClient {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Called once if the worker itself fails (load error, crash, or it ended without being terminated). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

export const WORKER_DIED =
  'The training worker stopped unexpectedly (it may have run out of memory or been closed). Everything on ' +
  'this page is kept; press Train to start again in a new worker.';

/** Starts the training worker. tfjs loads there, never on the page, so first paint does not wait for it. */
export function startWorker(): WorkerClient {
  // A name of its own: the worker holds a Web Lock of that name for its whole life (worker.ts).
  const name = `trainer-${Array.from(crypto.getRandomValues(new Uint32Array(2)), (x) => x.toString(36)).join('')}`;
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name });
  const api = Comlink.wrap<WorkerApi>(worker);
  const listeners: ((message: string) => void)[] = [];
  let ended = false;
  const crash = (message: string) => {
    if (ended) return;
    ended = true;
    listeners.forEach((l) => l(message));
  };
  worker.addEventListener('error', (e) => crash(e.message || 'The training worker failed to start.'));
  worker.addEventListener('messageerror', () =>
    crash('The training worker sent a message that could not be read.'),
  );
  // A worker that closes or is killed by the browser sends no event. Once it says it holds its lock,
  // waiting on the same lock tells us when it is gone.
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) {
    const onHeld = (e: MessageEvent) => {
      if (e.data !== LOCK_HELD) return;
      worker.removeEventListener('message', onHeld);
      void locks.request(name, async () => crash(WORKER_DIED));
    };
    worker.addEventListener('message', onHeld);
  }
  return {
    api,
    onCrash(listener) {
      listeners.push(listener);
    },
    terminate() {
      ended = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export { Comlink };
