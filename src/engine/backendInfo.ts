/** Backend names and the report of which one started; plain data the page can import without tfjs. */

/** Backends in the order the automatic choice tries them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = 'auto' | BackendName;

export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  readonly reason: string;
}

/** Result of the self-check run on a backend before training on it (see selfCheck.ts). */
export interface SelfCheckReport {
  readonly ok: boolean;
  readonly checks: readonly { name: string; ok: boolean; error: number; message?: string }[];
  readonly ms: number;
}

/** One backend's training speed as auto's probe measured it before a run (see worker/speedProbe.ts). */
export interface BackendSpeed {
  readonly name: BackendName;
  readonly device: string;
  /** Training rows (ctr) or triples (top-k) per second over the timed steps; null when it failed. */
  readonly perSec: number | null;
  /** Steps timed (after the warm-up). */
  readonly steps: number;
  /** Why there is no figure (the probe's error), when there is none. */
  readonly note?: string;
}

/** Auto's measurement of the backends it could pick, for the run's model and batch. */
export interface SpeedProbeReport {
  readonly unit: 'rows' | 'triples';
  /** Fastest first. */
  readonly speeds: readonly BackendSpeed[];
  /** When the figures were measured (ms since the epoch). */
  readonly measuredAt: number;
  /** True when the figures come from an earlier probe on this device (remembered per device and model). */
  readonly remembered: boolean;
}

export interface BackendInfo {
  readonly name: BackendName;
  readonly selfCheck: SelfCheckReport;
  /** The adapter or renderer, where the platform tells us. */
  readonly device: string;
  /** Why this backend was chosen, in words for the UI. */
  readonly reason: string;
  readonly attempts: readonly BackendAttempt[];
  /** Present when auto picked among several backends by timing training steps on each. */
  readonly probe?: SpeedProbeReport;
}
