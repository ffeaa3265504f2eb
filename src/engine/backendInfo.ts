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

export interface BackendInfo {
  readonly name: BackendName;
  readonly selfCheck: SelfCheckReport;
  /** The adapter or renderer, where the platform tells us. */
  readonly device: string;
  /** Why this backend was chosen, in words for the UI. */
  readonly reason: string;
  readonly attempts: readonly BackendAttempt[];
}
