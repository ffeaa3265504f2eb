/**
 * JSON with every number, for everything we write (model files, checkpoints, run files): JSON has no NaN or
 * ±Infinity (an AUC on a one-class split is NaN), so they are written as the strings "NaN", "Infinity" and
 * "-Infinity" and read back as numbers.
 */
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/** JSON text of `value`, non-finite numbers as strings. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    space,
  );
}

/** Parses `toJson`'s text: the strings "NaN", "Infinity" and "-Infinity" become numbers again. */
export function fromJson(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && NON_FINITE.has(v) ? Number(v) : v));
}
