/** What `buildDataset` did to the rows: counts by reason, each with its first example (file, line, value). */
import type { ImportIssue } from './types';

export type RowReason =
  | 'missingUser'
  | 'missingItem'
  | 'badRating'
  | 'badLabel'
  | 'badTimestamp'
  | 'duplicate'
  | 'unknownUser'
  | 'unknownItem'
  | 'attributeRowSkipped';

const MESSAGES: Record<RowReason, string> = {
  missingUser: 'Rows without a user id were left out.',
  missingItem: 'Rows without an item id were left out.',
  badRating: 'Rows whose rating is not a number were left out.',
  badLabel: 'Rows whose label is not 0/1 (or true/false) were left out.',
  badTimestamp: 'Rows whose timestamp is neither a number nor an ISO date were left out.',
  duplicate: 'Repeated (user, item) pairs were left out; the latest by timestamp (then by line) was kept.',
  unknownUser: 'Interactions with a user the users table does not list were kept (the user has no fields).',
  unknownItem: 'Interactions with an item the items table does not list were kept (the item has no fields).',
  attributeRowSkipped:
    'Rows of an attribute table with an empty id, or an id no interaction or main table has, were skipped.',
};

export interface RowTally {
  readonly reason: RowReason;
  /** Rows affected. */
  readonly count: number;
  readonly message: string;
  /** The first affected row. */
  readonly example?: ImportIssue;
}

export interface BuildReport {
  readonly formatName: string;
  /** Rows of the interactions table. */
  readonly rowsRead: number;
  /** Interactions kept from the file (sampled negatives not included). */
  readonly rowsKept: number;
  /** Implicit feedback: negatives added by sampling. */
  readonly negativesSampled: number;
  /** Rows left out, by reason; only reasons that happened. */
  readonly dropped: readonly RowTally[];
  /** Rows kept but worth knowing about (ids the users/items table lacks, attribute rows skipped). */
  readonly notes: readonly RowTally[];
  /** The reader's issues for the mapped files, then the build's own (items without a feature row, …). */
  readonly warnings: readonly ImportIssue[];
  /**
   * How the item text became vectors, when there is item text: the modality's name and `text.ts`'s
   * description, e.g. "text: TF-IDF (2,470 terms) → SVD 64" or "text: hashed TF-IDF 64 (no term is in two
   * texts)".
   */
  readonly textFeaturizer?: string;
}

/** Counts rows by reason; builds the example issue only for the first row of each reason. */
export class Tallies {
  private readonly counts = new Map<RowReason, { count: number; example?: ImportIssue }>();

  add(reason: RowReason, example?: () => ImportIssue): void {
    const t = this.counts.get(reason);
    if (t) t.count++;
    else this.counts.set(reason, { count: 1, example: example?.() });
  }

  count(reason: RowReason): number {
    return this.counts.get(reason)?.count ?? 0;
  }

  list(reasons: readonly RowReason[]): RowTally[] {
    return reasons.flatMap((reason) => {
      const t = this.counts.get(reason);
      return t
        ? [
            {
              reason,
              count: t.count,
              message: MESSAGES[reason],
              ...(t.example ? { example: t.example } : {}),
            },
          ]
        : [];
    });
  }
}

/** A cell value as an issue shows it: at most 80 characters. */
export function shorten(value: string): string {
  return value.length <= 80 ? value : `${value.slice(0, 79)}…`;
}
