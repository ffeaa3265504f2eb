/**
 * Which stored run the app offers to continue, and on which backend, and whether a link's run trains by
 * itself: pure functions of what the page knows, so the rules are testable without a browser.
 */
import { BACKENDS, type BackendChoice, type BackendName } from '../engine/backendInfo';
import type { DataSourceRef } from '../engine/importProtocol';
import type { StoredRun, StoredRunStatus } from '../state/store';

/** A run that did not finish: after a reload, a crash or an error, with a checkpoint to go on from. */
const UNFINISHED: readonly StoredRunStatus[] = ['training', 'paused', 'interrupted', 'error'];

export interface ContinueOffer {
  readonly run: StoredRun;
  /** Completed epochs of its checkpoint. */
  readonly epoch: number;
  readonly backend: BackendChoice;
  /** Why the backend differs from the run's, in words (null when it does not). */
  readonly backendNote: string | null;
}

/**
 * The backend after `failed` in the automatic order (webgpu → webgl → wasm), for a run that failed on a GPU
 * backend (device lost, a crash); wasm and cpu are kept: the fault was not theirs.
 */
export function nextBackend(failed: BackendName): BackendName {
  if (failed !== 'webgpu' && failed !== 'webgl') return failed;
  return BACKENDS[BACKENDS.indexOf(failed) + 1];
}

/**
 * The newest unfinished run with a checkpoint that has epochs left, except `exclude` (the run this page is
 * training). A run that failed (`failed`: a crash or an error, not a reload) on a GPU backend goes on the next.
 */
export function continueOffer(runs: readonly StoredRun[], exclude: number | null): ContinueOffer | null {
  const run = runs
    .filter(
      (r) =>
        r.id !== exclude &&
        UNFINISHED.includes(r.status) &&
        r.checkpointEpoch !== null &&
        r.checkpointEpoch < r.totalEpochs,
    )
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
  if (!run) return null;
  const failed = run.error !== null && run.backendUsed !== null;
  const backend = failed ? nextBackend(run.backendUsed!) : run.backend;
  return {
    run,
    epoch: run.checkpointEpoch!,
    backend,
    backendNote:
      failed && backend !== run.backendUsed ? `on ${backend}, after the failure on ${run.backendUsed}` : null,
  };
}

/** What the page knows when it decides whether a link's run trains by itself. */
export interface LinkRunFacts {
  /** The page was opened from a link that holds an experiment. */
  readonly openedFromLink: boolean;
  /** The worker's backend is up. */
  readonly backendReady: boolean;
  /** No run has started on this page. */
  readonly idle: boolean;
  /** The run store has opened (or failed to): `hasOffer` is known. */
  readonly storeReady: boolean;
  /** An unfinished stored run is offered for continuing. */
  readonly hasOffer: boolean;
  /** The data the link holds, and the data the worker has loaded (null: none yet). */
  readonly linked: DataSourceRef;
  readonly loaded: DataSourceRef | null;
}

/**
 * Whether a page opened from a link trains now ('train'), never ('skip': the user is offered to continue a
 * stored run instead, as after a reload mid-training), or not yet ('wait'). Only a demo link trains by
 * itself, once its own demo is loaded: same seed, so the same results on cpu and wasm.
 */
export function linkRun(f: LinkRunFacts): 'train' | 'skip' | 'wait' {
  if (!f.openedFromLink || !f.backendReady || !f.idle || !f.storeReady) return 'wait';
  if (f.hasOffer) return 'skip';
  if (f.loaded?.kind !== 'demo' || JSON.stringify(f.loaded) !== JSON.stringify(f.linked)) return 'wait';
  return 'train';
}
