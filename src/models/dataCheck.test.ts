import { describe, expect, it } from 'vitest';
import { summarize, type Dataset } from '../data/types';
import type { ModelEntry } from './contract';
import { checkData, type DataCheck } from './dataCheck';
import { REGISTRY } from './registry';

interface Shape {
  readonly modalities: boolean;
  /** Real timestamps, or the row order an import without a timestamp column stores (0, 1, 2, …). */
  readonly timestamps: boolean;
  readonly perUser: number;
}

/** 4 users × `perUser` interactions with 6 items, optionally one 3-d modality. */
function dataset({ modalities, timestamps, perUser }: Shape): Dataset {
  const users = 4;
  const n = users * perUser;
  const user = Int32Array.from({ length: n }, (_, r) => r % users);
  const item = Int32Array.from({ length: n }, (_, r) => r % 6);
  const keys = (p: string, k: number) => Array.from({ length: k }, (_, i) => `${p}${i}`);
  return {
    name: 'check',
    source: { kind: 'upload', fileName: 'ratings.csv', hash: '0' },
    numUsers: users,
    numItems: 6,
    userKeys: keys('u', users),
    itemKeys: keys('i', 6),
    itemTitles: keys('item ', 6),
    userFields: [],
    itemFields: [],
    itemMultiFields: [],
    modalities: modalities ? [{ name: 'visual', dim: 3, data: new Float32Array(18).fill(0.5) }] : [],
    interactions: {
      user,
      item,
      timestamp: Float64Array.from({ length: n }, (_, r) => (timestamps ? 1.7e9 + 60 * r : r)),
      label: Float32Array.from({ length: n }, (_, r) => r % 2),
    },
  };
}

const DATA = {
  full: { modalities: true, timestamps: true, perUser: 3 },
  noModalities: { modalities: false, timestamps: true, perUser: 3 },
  noTimestamps: { modalities: true, timestamps: false, perUser: 3 },
  ratingsOnly: { modalities: false, timestamps: false, perUser: 3 },
  onePerUser: { modalities: true, timestamps: true, perUser: 1 },
} as const satisfies Record<string, Shape>;

type Level = DataCheck['level'] | null;
// Without a timestamp column the row order is the time order, so histories need no timestamps.
const usesModalities: Level[] = [null, 'warn', null, 'warn', null];
const none: Level[] = [null, null, null, null, null];

/** Each model's answer on the datasets of `DATA`, in that order; a model missing here fails the test. */
const EXPECTED: Readonly<Record<string, readonly Level[]>> = {
  dnn: usesModalities,
  lr: usesModalities,
  autoint: usesModalities,
  amfr: usesModalities,
  din: [null, null, null, null, 'refuse'],
  mmdin: [null, 'warn', null, 'warn', 'refuse'],
  pop: none,
  itemknn: none,
  ease: none,
  bprmf: none,
  lightgcn: none,
  tmfun: usesModalities,
  sasrec: none,
};

describe('checkData', () => {
  const names = Object.keys(DATA) as (keyof typeof DATA)[];
  const summaries = names.map((k) => summarize(dataset(DATA[k])));

  it.each(REGISTRY.models.map((m) => [m.id, m] as const))(
    '%s: refuses, warns or says nothing per dataset',
    (id, entry) => {
      expect(EXPECTED[id], `add ${id} to EXPECTED`).toBeDefined();
      const got = summaries.map((s) => checkData(entry, s)?.level ?? null);
      expect(Object.fromEntries(names.map((k, i) => [k, got[i]]))).toEqual(
        Object.fromEntries(names.map((k, i) => [k, EXPECTED[id][i]])),
      );
    },
  );

  it('tells why tmfun falls back to LightGCN on ratings alone', () => {
    const tmfun = REGISTRY.get('tmfun')!;
    expect(checkData(tmfun, summarize(dataset(DATA.ratingsOnly)))).toEqual({
      level: 'warn',
      message:
        'tmfun: these data have no item modalities (feature vectors), so it trains without its modality graphs ' +
        'and fusion, like LightGCN.',
    });
  });

  it('refuses din when no user has an earlier interaction, and says so', () => {
    const din = REGISTRY.get('din')!;
    expect(checkData(din, summarize(dataset(DATA.onePerUser)))).toEqual({
      level: 'refuse',
      message:
        "din cannot train on these data: it needs behaviour sequences (each user's earlier interactions), and " +
        'no user here has more than one interaction.',
    });
  });

  it('a refusal outranks warnings, and several of a kind are one message', () => {
    const both: ModelEntry = {
      ...REGISTRY.get('dnn')!,
      needs: {
        modalities: { kind: 'used', without: 'does A' },
        history: { kind: 'used', without: 'does B' },
      },
    };
    const bare = summarize(dataset({ modalities: false, timestamps: true, perUser: 1 }));
    expect(checkData(both, bare)?.message).toBe(
      'dnn: these data have no item modalities (feature vectors), so it does A. ' +
        "dnn: these data have no behaviour sequences (each user's earlier interactions), so it does B.",
    );
    const required: ModelEntry = { ...both, needs: { ...both.needs, history: { kind: 'required' } } };
    expect(checkData(required, bare)).toEqual({
      level: 'refuse',
      message:
        "dnn cannot train on these data: it needs behaviour sequences (each user's earlier interactions), and " +
        'no user here has more than one interaction.',
    });
  });
});
