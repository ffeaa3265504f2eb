/**
 * The example an explain view shows: per-dataset lookups (rows in time order per user, which split each row is
 * in), a seeded validation sample, the row a (user, item) choice resolves to — a validation row, or a synthetic
 * row built from the user's and the item's fields with the user's history — and that row's field values.
 */
import type { CtrEncoding } from '../../data/features';
import { makeRng } from '../../data/random';
import { chronologicalOrder, type Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { ExplainExample } from '../../contract/explain';

/** Which split a row is in (`ROW_NONE`: left out by the split). */
export const ROW_TRAIN = 0;
export const ROW_VALID = 1;
export const ROW_TEST = 2;
export const ROW_NONE = 3;

/** Per-dataset lookups, built once on the first request (≈ one sort of the rows). */
export interface ExampleIndex {
  /** All rows in chronological order (user, timestamp, item id): the order that defines "before". */
  readonly order: Int32Array;
  /** CSR over `order`: user u's rows are `order[userStart[u] .. userStart[u + 1])`. */
  readonly userStart: Int32Array;
  /** Row → its position in `order`. */
  readonly position: Int32Array;
  /** Row → ROW_TRAIN / ROW_VALID / ROW_TEST / ROW_NONE. */
  readonly part: Uint8Array;
}

export function buildIndex(ds: Dataset, split: Split): ExampleIndex {
  const inter = ds.interactions;
  const n = inter.user.length;
  const order = chronologicalOrder(inter);
  const userStart = new Int32Array(ds.numUsers + 1);
  for (let r = 0; r < n; r++) userStart[inter.user[r] + 1]++;
  for (let u = 0; u < ds.numUsers; u++) userStart[u + 1] += userStart[u];
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k]] = k;
  const part = new Uint8Array(n).fill(ROW_NONE);
  split.train.forEach((r) => (part[r] = ROW_TRAIN));
  split.valid.forEach((r) => (part[r] = ROW_VALID));
  split.test.forEach((r) => (part[r] = ROW_TEST));
  return { order, userStart, position, part };
}

/** Up to `n` validation rows drawn without replacement from `(seed)`; all of them when there are fewer. */
export function sampleRows(rows: Int32Array, n: number, seed: number): Int32Array {
  const k = Math.max(0, Math.min(n, rows.length));
  const pool = Int32Array.from(rows);
  // The seed's label predates the explain vocabulary; kept so a seed samples the same rows as before.
  const rng = makeRng(`${seed}/inspect`);
  // Partial Fisher–Yates: only the first k places are drawn.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/** Where an example comes from: a validation row, or a synthetic row for a (user, item) pair. */
export type ExampleRow =
  | { readonly kind: 'valid'; readonly row: number; readonly user: number; readonly item: number }
  | { readonly kind: 'synthetic'; readonly user: number; readonly item: number };

/**
 * Resolves the request's (user, item) to an example (see `AttentionRequest`): the user's last validation row
 * with that item when there is one, else a synthetic row. Throws on indices out of range.
 */
export function resolveExample(
  ds: Dataset,
  index: ExampleIndex,
  sample: Int32Array,
  user: number | null,
  item: number | null,
): ExampleRow {
  const inter = ds.interactions;
  if (user !== null && !(Number.isInteger(user) && user >= 0 && user < ds.numUsers))
    throw new Error(`There is no user ${user}.`);
  if (item !== null && !(Number.isInteger(item) && item >= 0 && item < ds.numItems))
    throw new Error(`There is no item ${item}.`);
  const valid = (r: number) => ({ kind: 'valid', row: r, user: inter.user[r], item: inter.item[r] }) as const;
  if (user === null) {
    const r = item === null ? sample[0] : sample.find((s) => inter.item[s] === item);
    if (r !== undefined) return valid(r);
    if (item === null) throw new Error('The validation split is empty: pick a user and an item.');
    throw new Error('No sampled validation row has this item: pick a user too.');
  }
  let lastValid = -1;
  let lastAny = -1;
  for (let k = index.userStart[user]; k < index.userStart[user + 1]; k++) {
    const r = index.order[k];
    lastAny = r;
    if (index.part[r] !== ROW_VALID) continue;
    if (item === null || inter.item[r] === item) lastValid = r;
  }
  if (lastValid >= 0) return valid(lastValid);
  if (item !== null) return { kind: 'synthetic', user, item };
  if (lastAny >= 0) return { kind: 'synthetic', user, item: inter.item[lastAny] };
  throw new Error(`User ${ds.userKeys[user]} has no interactions: pick an item too.`);
}

/**
 * The rows that make up an example's behaviour sequence, oldest first (at most T): for a validation row
 * every earlier row of its user, as `behaviourSequences` counts them; for a synthetic row the user's
 * training rows (their history up to the end of train).
 */
export function historyRows(
  ds: Dataset,
  index: ExampleIndex,
  example: ExampleRow,
  T: number,
  positiveOnly: boolean,
): Int32Array {
  const label = ds.interactions.label;
  const start = index.userStart[example.user];
  const end = example.kind === 'valid' ? index.position[example.row] : index.userStart[example.user + 1];
  const out: number[] = [];
  for (let k = end - 1; k >= start && out.length < T; k--) {
    const r = index.order[k];
    if (example.kind === 'synthetic' && index.part[r] !== ROW_TRAIN) continue;
    if (positiveOnly && !(label[r] > 0)) continue;
    out.push(r);
  }
  return Int32Array.from(out.reverse());
}

/**
 * A one-row encoding for a synthetic example (user's fields, item's fields, the given history), so that
 * `makeBatch` builds its batch exactly as it builds real ones. Shares every other array with `enc`.
 */
export function syntheticEncoding(
  enc: CtrEncoding,
  ds: Dataset,
  index: ExampleIndex,
  user: number,
  item: number,
  history: Int32Array,
): CtrEncoding {
  const F = enc.fields.length;
  // User-owned fields are the same on every row of a user: copy them from any of the user's rows.
  const userRow = index.userStart[user] < index.userStart[user + 1] ? index.order[index.userStart[user]] : -1;
  if (userRow < 0) throw new Error(`User ${ds.userKeys[user]} has no interactions.`);
  const ids = new Int32Array(F);
  const nItemFields = enc.itemFields.length;
  for (let f = 0; f < F; f++) {
    if (enc.fields[f].owner === 'user') ids[f] = enc.fieldIds[userRow * F + f];
    else {
      const k = enc.itemFields.indexOf(f);
      ids[f] = enc.itemFieldIds[item * nItemFields + k];
    }
  }
  let hist: CtrEncoding['history'] = null;
  if (enc.history) {
    const T = enc.history.options.maxLength;
    const itemOffset = enc.offsets[enc.itemFields[0]];
    const h = new Int32Array(T);
    const pad = T - history.length;
    history.forEach((r, j) => (h[pad + j] = itemOffset + ds.interactions.item[r] + 1));
    hist = { options: enc.history.options, ids: h };
  }
  return {
    ...enc,
    fieldIds: ids,
    userIdx: Int32Array.of(user),
    itemIdx: Int32Array.of(item),
    labels: Float32Array.of(0),
    history: hist,
  };
}

/** The row's value of each categorical and multi-valued field, by name. */
export function fieldValues(ds: Dataset, user: number, item: number): ExplainExample['fields'] {
  return [
    { name: 'user_id', value: ds.userKeys[user] },
    { name: 'item_id', value: ds.itemKeys[item] },
    ...ds.userFields.map((c) => ({ name: c.name, value: c.vocab[c.tokens[user]] ?? '' })),
    ...ds.itemFields.map((c) => ({ name: c.name, value: c.vocab[c.tokens[item]] ?? '' })),
    ...ds.itemMultiFields.map((c) => ({
      name: c.name,
      value: Array.from(c.tokens.subarray(c.offsets[item], c.offsets[item + 1]), (t) => c.vocab[t]).join(
        ', ',
      ),
    })),
  ];
}
