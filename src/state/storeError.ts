/**
 * The run store's one error type. Every failure becomes a `StoreError` with a kind the UI can word
 * ('unavailable': no IndexedDB, e.g. a private window; 'quota': the disk budget is spent; 'failed': anything
 * else).
 */

export type StoreErrorKind = 'unavailable' | 'quota' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
}

/** Wraps any failure as a StoreError, saying what was being done. */
export function toStoreError(err: unknown, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const name = errorName(err);
  const detail = err instanceof Error ? err.message : String(err);
  // Chromium and Firefox name it QuotaExceededError; old Safari reports legacy code 22.
  if (name === 'QuotaExceededError' || (err as { code?: unknown } | null)?.code === 22) {
    return new StoreError(
      'quota',
      `The browser's storage for this site is full while ${doing}: delete saved runs to make room. ` +
        `This run continues in memory.`,
      { cause: err },
    );
  }
  return new StoreError('failed', `Saving failed while ${doing}: ${detail}`, { cause: err });
}
