/**
 * The check before training: does the loaded dataset have what a model needs (its entry's `needs`)? The page
 * shows the answer next to Train, and the worker refuses what it refuses, with the same message. Plain data.
 */
import type { DatasetSummary } from '../data/types';
import type { DataNeeds, ModelEntry } from './contract';

/** What the check reads of a dataset's summary. */
export type DataShape = Pick<DatasetSummary, 'modalities' | 'userActivity'>;

/** A model the data cannot train (`refuse`), or one that trains falling back as the message says (`warn`). */
export interface DataCheck {
  readonly level: 'refuse' | 'warn';
  /** For people, one sentence per missing part. */
  readonly message: string;
}

interface Part {
  /** The part, for people. */
  readonly what: string;
  /** Why these data lack it, or null when they have it. */
  missing(data: DataShape): string | null;
}

const PARTS: { readonly [P in keyof DataNeeds]-?: Part } = {
  modalities: {
    what: 'item modalities (feature vectors)',
    missing: (d) => (d.modalities.length === 0 ? 'these data have none' : null),
  },
  history: {
    what: "behaviour sequences (each user's earlier interactions)",
    // Without a timestamp column the file's row order is the time order, so one more interaction is enough.
    missing: (d) => (d.userActivity.max < 2 ? 'no user here has more than one interaction' : null),
  },
};

/** Null when the data have everything `entry` reads; else its refusal or, failing that, its warning. */
export function checkData(entry: ModelEntry, data: DataShape): DataCheck | null {
  const refusals: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(PARTS) as (keyof DataNeeds)[]) {
    const need = entry.needs[key];
    const part = PARTS[key];
    const why = need ? part.missing(data) : null;
    if (!need || why === null) continue;
    if (need.kind === 'required') {
      refusals.push(`${entry.id} cannot train on these data: it needs ${part.what}, and ${why}.`);
    } else {
      warnings.push(`${entry.id}: these data have no ${part.what}, so it ${need.without}.`);
    }
  }
  if (refusals.length > 0) return { level: 'refuse', message: refusals.join(' ') };
  if (warnings.length > 0) return { level: 'warn', message: warnings.join(' ') };
  return null;
}
