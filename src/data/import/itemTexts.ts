/** Each item's composed text: what the text modality encodes (`text.ts`) and `BuildResult.itemTexts`. */
import type { Attributes } from './attributes';
import { multiValues } from './fields';
import type { ImportIssue } from './types';
import { collapseWhitespace, displayName } from './values';

/** One item-text column: its dictionary and each item's last code in it. */
export interface TextSource {
  readonly dict: readonly string[];
  readonly last: Int32Array;
}

/**
 * Each item's text: its text columns joined by ". ", then ". Genres: a, b" for each appended field
 * ("unknown" when the item has no value), as ml-100k's item_text.tsv.
 */
export function composeTexts(
  texts: readonly TextSource[],
  appendFields: readonly string[],
  attrs: Attributes,
  numItems: number,
  warnings: ImportIssue[],
): string[] {
  const appended = appendFields.flatMap((f) => {
    const multi = attrs.itemMultiFields.find((m) => m.name === f);
    if (multi) return [{ label: displayName(f), values: (e: number) => multiValues(multi, e) }];
    const single = attrs.itemFields.find((m) => m.name === f);
    if (single) {
      return [
        {
          label: displayName(f),
          values: (e: number) => (single.tokens[e] > 0 ? [single.vocab[single.tokens[e]]] : []),
        },
      ];
    }
    warnings.push({
      severity: 'warning',
      file: '',
      message: `The item text appends field "${f}", which does not exist.`,
    });
    return [];
  });
  const out: string[] = [];
  for (let e = 0; e < numItems; e++) {
    const parts: string[] = [];
    for (const t of texts) {
      const c = t.last[e];
      const s = c >= 0 ? collapseWhitespace(t.dict[c]) : '';
      if (s) parts.push(s);
    }
    for (const a of appended) {
      const values = a.values(e);
      parts.push(`${a.label}: ${values.length > 0 ? values.join(', ') : 'unknown'}`);
    }
    out.push(parts.join('. '));
  }
  return out;
}
