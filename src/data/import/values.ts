/**
 * Reading single cell values: numbers, timestamps, flags, ids and the field transforms of `ColumnRole`.
 * Strings are only ever matched and compared here, never evaluated.
 */
import type { FieldTransform } from './types';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (no hex, no `Infinity`, no empty string), else NaN. */
export function parseNumber(cell: string): number {
  const t = cell.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

// YYYY-MM-DD, optionally with time, fraction and zone: the ISO 8601 forms people export.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Seconds since the epoch of an ISO 8601 date (UTC unless a zone is given), else NaN. */
export function parseIsoDate(cell: string): number {
  const m = ISO.exec(cell.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59) return NaN;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  if (frac) ms += Number(`0.${frac}`) * 1000;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms / 1000;
}

/** Numbers above this are milliseconds (1e11 s is the year 5138). */
export const MILLISECONDS_ABOVE = 1e11;

const TRUE = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f']);

/** 1 / 0 for a flag or binary label cell (numbers: > 0 is 1), NaN when it is neither. */
export function parseBinary(cell: string): number {
  const t = cell.trim().toLowerCase();
  if (TRUE.has(t)) return 1;
  if (FALSE.has(t)) return 0;
  const v = parseNumber(t);
  return Number.isNaN(v) ? NaN : v > 0 ? 1 : 0;
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The MovieLens age buckets, in order. */
export const AGE_BUCKETS = ['<18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+'] as const;
const AGE_UPPER = [18, 25, 35, 45, 50, 56];

function ageBucket(cell: string): string | null {
  const age = parseNumber(cell);
  if (!(age >= 0 && age < 150)) return null;
  const k = AGE_UPPER.findIndex((upper) => age < upper);
  return AGE_BUCKETS[k === -1 ? AGE_BUCKETS.length - 1 : k];
}

function decadeOf(year: number): string | null {
  return year >= 1800 && year <= 2199 ? `${Math.floor(year / 10) * 10}s` : null;
}

/**
 * The category label a transform gives a cell; null = unknown (token 0). Without a transform the trimmed
 * cell is the label.
 */
export function transformCell(cell: string, transform: FieldTransform | undefined): string | null {
  const t = cell.trim();
  if (t === '') return null;
  switch (transform) {
    case undefined:
      return t;
    case 'ageBucket':
      return ageBucket(t);
    case 'firstChar':
      return String.fromCodePoint(t.codePointAt(0)!);
    case 'decade': {
      const m = /(?:^|\D)(\d{4})(?!\d)/.exec(t);
      return m ? decadeOf(Number(m[1])) : null;
    }
    case 'decadeFromTitle': {
      const m = /\((\d{4})\)\s*$/.exec(t);
      return m ? decadeOf(Number(m[1])) : null;
    }
  }
}

/** Code-unit order: the same in every JS engine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const INTEGER = /^[+-]?\d{1,15}$/;

/** Sorts ids numerically when every one is an integer, else as strings ("item id order"). */
export function sortIds(ids: string[]): string[] {
  if (ids.every((id) => INTEGER.test(id))) return ids.sort((a, b) => Number(a) - Number(b));
  return ids.sort(compareStrings);
}

export function isIntegerId(id: string): boolean {
  return INTEGER.test(id);
}

/** `ml-100k/u.data` → `u.data`. */
export function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/** `ml-100k/ratings.csv` → `ratings`. */
export function stemOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** `genres` → `Genres`, `release_decade` → `Release decade`: a field name as a label inside text. */
export function displayName(field: string): string {
  const spaced = field.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
