/**
 * Fixed payloads for the views' component tests: an amfr-like explanation (2 layers × 2 heads over 3 fields,
 * plus pair attention), a din-like one (5 behaviours, 2 heads), and a stand-in for the worker's endpoints.
 * Every weight is exact in float32, so a test can write the number a person reads.
 */
import { vi } from 'vitest';
import type { ExplainExample } from '../../contract/explain';
import type { AttentionExplanation, SearchHit, SearchRequest } from '../../engine/protocol';

export const EXAMPLE: ExplainExample = {
  user: 4,
  item: 9,
  userKey: 'u4',
  itemKey: 'i9',
  itemTitle: 'Fargo',
  source: 'valid',
  label: 1,
  probability: 0.734,
  fields: [
    { name: 'user_id', value: 'u4' },
    { name: 'item_id', value: 'i9' },
    { name: 'movie_genre', value: 'Drama' },
    { name: 'age', value: '' },
  ],
};

const FIELDS = ['user_id', 'item_id', 'movie_genre'];

/** `[2, 2, 3, 3]`, each head's rows summing to 1: layer 1 head 1, layer 1 head 2, layer 2 head 1, layer 2 head 2. */
const HEADS = [
  [0.5, 0.25, 0.25, 0.125, 0.75, 0.125, 0.25, 0.25, 0.5],
  [0.25, 0.5, 0.25, 0.5, 0.25, 0.25, 0.125, 0.125, 0.75],
  [0.375, 0.375, 0.25, 0.25, 0.5, 0.25, 0.5, 0.25, 0.25],
  [0.0625, 0.0625, 0.875, 0.75, 0.125, 0.125, 0.25, 0.5, 0.25],
];
/** The validation average: every head 0.5 on its diagonal, 0.25 elsewhere. */
const AVERAGE_HEAD = [0.5, 0.25, 0.25, 0.25, 0.5, 0.25, 0.25, 0.25, 0.5];

/** Pair weights over the upper triangle (user×item, user×genre, item×genre); the lower half is 0. */
const pairs = (ui: number, ug: number, ig: number) => ({
  data: Float32Array.of(0, ui, ug, 0, 0, ig, 0, 0, 0),
  shape: [3, 3],
  labels: FIELDS,
});

export function fieldExplanation(over: Partial<AttentionExplanation> = {}): AttentionExplanation {
  return {
    type: 'ok',
    runId: 1,
    modelId: 'amfr',
    example: EXAMPLE,
    sampleSize: 128,
    fieldAttention: {
      example: { data: Float32Array.from(HEADS.flat()), shape: [2, 2, 3, 3], labels: FIELDS },
      average: {
        data: Float32Array.from(HEADS.flatMap(() => AVERAGE_HEAD)),
        shape: [2, 2, 3, 3],
        labels: FIELDS,
      },
    },
    pairAttention: { example: pairs(0.25, 0.5, 0.25), average: pairs(0.5, 0.25, 0.25) },
    seconds: 0.012,
    ...over,
  };
}

const DAY = 86_400;
export const LONG_TITLE = 'A Very Long Title That Goes On And On Forever';

/**
 * Seven positions, the first two padding, then five behaviours oldest first: Heat, Toy Story, the long
 * title, Fargo 2, Up; heads' weights `[head 1, head 2]` are [.125, .5], [.375, .125], [.25, .25],
 * [.0625, .125], [.1875, 0].
 */
export function behaviourExplanation(
  over: Partial<AttentionExplanation['behaviour']> = {},
): AttentionExplanation {
  return {
    type: 'ok',
    runId: 1,
    modelId: 'din',
    example: { ...EXAMPLE, fields: [] },
    sampleSize: 128,
    behaviour: {
      shape: [7, 2],
      data: Float32Array.of(0, 0, 0, 0, 0.125, 0.5, 0.375, 0.125, 0.25, 0.25, 0.0625, 0.125, 0.1875, 0),
      items: Int32Array.of(-1, -1, 10, 11, 12, 13, 14),
      titles: ['', '', 'Heat', 'Toy Story', LONG_TITLE, 'Fargo 2', 'Up'],
      categories: ['', '', 'Action', 'Animation', 'Drama', 'Crime', 'Animation'],
      categoryTokens: Int32Array.of(-1, -1, 1, 2, 3, 4, 2),
      categoryField: 'genre',
      candidateCategory: 'Crime',
      candidateCategoryToken: 4,
      times: Float64Array.of(NaN, NaN, 0, DAY, 2 * DAY, 3 * DAY, 4 * DAY),
      liked: Int8Array.of(-1, -1, 1, 0, 1, 1, 0),
      normalised: false,
      ...over,
    },
    seconds: 0.01,
  };
}

/** The worker's search: every hit whose key starts with the text (of `kind`), at most `limit`. */
export function fakeSearch(users: readonly SearchHit[], items: readonly SearchHit[]) {
  return vi.fn(async (req: SearchRequest) => {
    const all = (req.kind === 'user' ? users : items).filter((h) => h.key.startsWith(req.text));
    return { hits: all.slice(0, req.limit ?? 20), total: all.length };
  });
}
