/**
 * The one match rule of every search box (the example picker's users and items in the worker, the modality
 * graph's items in the page), so that the same text lists the same items first everywhere. Plain code, not a
 * payload: it lives here because both sides may import it and nothing else.
 */

/** The match ranks, best first; a search lists hits by rank, then by its own tie-break. */
export const MATCH = {
  /** The id or the title is the text. */
  exact: 0,
  /** The id or title starts with the text, and the text ends a word there: "music #32" in "music #32 by …". */
  wordPrefix: 1,
  /** Starts with the text mid-word: "music #32" in "music #327 by …". */
  prefix: 2,
  /** Contains the text as whole words: "32" in "music #32 by …". */
  word: 3,
  /** Contains the text anywhere: "32" in "v327". */
  contains: 4,
} as const;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether `s` has a word boundary before index `i` (between `s[i - 1]` and `s[i]`); the ends are boundaries. */
function boundary(s: string, i: number): boolean {
  return i <= 0 || i >= s.length || !WORD_CHAR.test(s[i - 1]) || !WORD_CHAR.test(s[i]);
}

/** The text as every search compares it: trimmed, lower case; '' matches nothing. */
export function searchText(text: string): string {
  return text.trim().toLowerCase();
}

/** How well `query` (from `searchText`) matches one string, a `MATCH` rank, or -1 for no match. */
function rankIn(query: string, s: string): number {
  const v = s.toLowerCase();
  if (v === query) return MATCH.exact;
  let best = -1;
  for (let at = v.indexOf(query); at >= 0; at = v.indexOf(query, at + 1)) {
    const whole = boundary(v, at) && boundary(v, at + query.length);
    const rank = at === 0 ? (whole ? MATCH.wordPrefix : MATCH.prefix) : whole ? MATCH.word : MATCH.contains;
    if (best < 0 || rank < best) best = rank;
    if (best === MATCH.wordPrefix) break; // the best left once not exact
  }
  return best;
}

/**
 * The better rank of an item's id and title (a user's title is ''), or -1: exact first, then prefixes, then
 * containment, and within each a match of whole words before one that cuts a word.
 */
export function matchRank(query: string, key: string, title: string): number {
  if (query === '') return -1;
  const k = rankIn(query, key);
  const t = title === '' ? -1 : rankIn(query, title);
  return k < 0 ? t : t < 0 ? k : Math.min(k, t);
}
