import * as Comlink from 'comlink';
import type { WorkerApi } from '../engine/protocol';

export interface WorkerClient {
  readonly api: Comlink.Remote<WorkerApi>;
  /** Called once if the worker itself fails (load error, crash, closed or killed). */
  onCrash(listener: (message: string) => void): void;
  terminate(): void;
}

export const WORKER_DIED =
  'The training worker stopped unexpectedly (it may have run out of memory or been closed). Everything on ' +
  'this page is kept; press Train to start again in a new worker.';

/**
 * Resolves when the worker that holds the lock `name` is gone. A worker that closes itself, crashes or is
 * killed for memory fires no event on the page; its Web Lock is released, though. We ask for the lock only
 * once the worker holds it (else we would get it first).
 */
async function whenLockReleased(name: string, isStopped: () => boolean): Promise<boolean> {
  if (!('locks' in navigator)) return false;
  for (let i = 0; i < 600 && !isStopped(); i++) {
    const { held = [] } = await navigator.locks.query();
    if (held.some((l) => l.name === name)) {
      await navigator.locks.request(name, () => undefined);
      return !isStopped();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Starts the training worker. tfjs loads there, never on the page, so first paint does not wait for it. */
export function startWorker(): WorkerClient {
  // Unique per worker (two tabs, or a restart after a crash, must not share the lock).
  const name = `trainer-${crypto.randomUUID()}`;
  const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name });
  const api = Comlink.wrap<WorkerApi>(worker);
  let stopped = false;
  let crashed = false;
  const listeners: ((message: string) => void)[] = [];
  const crash = (message: string) => {
    if (stopped || crashed) return;
    crashed = true;
    listeners.forEach((l) => l(message));
  };
  worker.addEventListener('error', (e) => crash(e.message || 'The training worker failed to start.'));
  worker.addEventListener('messageerror', () =>
    crash('The training worker sent a message that could not be read.'),
  );
  void whenLockReleased(name, () => stopped).then((died) => died && crash(WORKER_DIED));
  return {
    api,
    onCrash(listener) {
      listeners.push(listener);
    },
    terminate() {
      stopped = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export { Comlink };
