/**
 * A plain decimal number, optionally signed, with fraction and exponent; surrounding spaces allowed.
 * Stricter than `Number()`, which also reads "", "0x1A", "0b11" and "Infinity" as numbers.
 */
const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** The cell's value when it is a finite decimal number, else NaN. */
export function parseFiniteNumber(cell: string): number {
  if (!DECIMAL.test(cell)) return NaN;
  const x = Number(cell);
  return Number.isFinite(x) ? x : NaN; // "1e999" matches the pattern but overflows
}

/** Digits an integer may have and still be exact in a double (2^53 ≈ 9.007e15). */
const MAX_SAFE_DIGITS = 15;

/**
 * The cell's value when it is an integer written the way `String(n)` writes it back (no sign but `-`, no
 * leading zeros, not `-0`), else NaN. For such cells the number alone restores the text, which lets
 * integer columns be dictionary-encoded by value instead of by string.
 */
export function parseCanonicalInt(cell: string): number {
  const n = cell.length;
  const negative = n > 1 && cell.charCodeAt(0) === 45; // '-'
  const start = negative ? 1 : 0;
  const digits = n - start;
  if (digits < 1 || digits > MAX_SAFE_DIGITS) return NaN;
  const first = cell.charCodeAt(start) - 48;
  if (first < 0 || first > 9 || (first === 0 && (digits > 1 || negative))) return NaN;
  let value = first;
  for (let i = start + 1; i < n; i++) {
    const d = cell.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return negative ? -value : value;
}
