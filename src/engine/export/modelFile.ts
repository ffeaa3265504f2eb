/**
 * A trained ctr model as files, in the weights-file format of `../weights.ts` (the one checkpoints use too):
 * `model.json` with the tfjs weights manifest plus our own `recplay` section — the model id, its full config,
 * and the encoding's vocabulary sizes and offsets the weights were shaped by — and `weights.bin`, zipped.
 *
 * There is no `modelTopology`: the graph is our model code (`models/<id>.ts`), rebuilt from the config.
 */
import * as z from 'zod/mini';
import type { CtrEncoding } from '../../data/features';
import {
  readWeightsZip,
  unpackWeights,
  WeightsFileError,
  writeWeightsZip,
  type TensorEntry,
} from '../weights';

export const MODEL_FORMAT = 'recplay-ctr-weights';
export const MODEL_FORMAT_VERSION = 1;
/** Biggest model zip we open (the largest app model is a few MB; this leaves a wide margin). */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** What of the data the weights depend on: every table row, width and modality the model was built for. */
export interface EncodingSignature {
  readonly fields: readonly { name: string; owner: 'user' | 'item'; vocabSize: number; offset: number }[];
  readonly multiFields: readonly { name: string; vocabSize: number; offset: number; maxLen: number }[];
  readonly totalVocab: number;
  readonly numItems: number;
  readonly modalities: readonly { name: string; dim: number }[];
  readonly history: { maxLength: number; positiveOnly: boolean } | null;
}

export interface ModelMeta {
  readonly formatVersion: number;
  readonly modelId: string;
  /** The model's full resolved config (every key). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly encoding: EncodingSignature;
  /** For people reading the file, and for the messages on a mismatch. */
  readonly dataset: { readonly name: string; readonly numUsers: number; readonly numItems: number };
  /** The test metrics of the exported weights when known (JSON null for NaN). */
  readonly test?: {
    readonly auc: number | null;
    readonly gauc: number | null;
    readonly logloss: number | null;
  };
}

export function encodingSignature(enc: CtrEncoding): EncodingSignature {
  return {
    fields: enc.fields.map((f, i) => ({
      name: f.name,
      owner: f.owner,
      vocabSize: f.vocabSize,
      offset: enc.offsets[i],
    })),
    multiFields: enc.multiFields.map((f) => ({
      name: f.name,
      vocabSize: f.vocabSize,
      offset: f.offset,
      maxLen: f.maxLen,
    })),
    totalVocab: enc.totalVocab,
    numItems: enc.numItems,
    modalities: enc.modalities.map((m) => ({ name: m.name, dim: m.dim })),
    history: enc.history
      ? { maxLength: enc.history.options.maxLength, positiveOnly: enc.history.options.positiveOnly }
      : null,
  };
}

const count = z.number().check(z.int(), z.gte(0), z.lte(2 ** 31 - 1));
const name = z.string().check(z.maxLength(200));
const signatureSchema = z.object({
  fields: z.array(z.object({ name, owner: z.enum(['user', 'item']), vocabSize: count, offset: count })),
  multiFields: z.array(z.object({ name, vocabSize: count, offset: count, maxLen: count })),
  totalVocab: count,
  numItems: count,
  modalities: z.array(z.object({ name, dim: count })),
  history: z.nullable(z.object({ maxLength: count, positiveOnly: z.boolean() })),
});
const metric = z.nullable(z.number());
const metaSchema = z.object({
  formatVersion: z.number(),
  modelId: name,
  config: z.record(z.string().check(z.maxLength(64)), z.unknown()),
  encoding: signatureSchema,
  dataset: z.object({ name: z.string().check(z.maxLength(500)), numUsers: count, numItems: count }),
  test: z.optional(z.object({ auc: metric, gauc: metric, logloss: metric })),
});
const weightSpec = z.object({
  name,
  shape: z.array(count).check(z.maxLength(8)),
  dtype: z.enum(['float32', 'int32']),
});
const modelJsonSchema = z.object({
  format: z.optional(z.string()),
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()), weights: z.array(weightSpec) }))
    .check(z.minLength(1)),
  recplay: metaSchema,
});

/** One zip with `model.json` (the tfjs weights manifest and our `recplay` section) and `weights.bin`. */
export function modelZip(meta: ModelMeta, weights: readonly TensorEntry[]): Uint8Array {
  return writeWeightsZip(
    'model.json',
    { format: MODEL_FORMAT, generatedBy: 'recplay', convertedBy: null, recplay: meta },
    weights,
  );
}

/** A clear, user-facing reason why a file is not a model we can load. */
export { WeightsFileError as ModelFileError };

/** Opens a model zip (ours, or any zip holding a `model.json` and its `weights.bin`). */
export function readModelZip(bytes: Uint8Array): { meta: ModelMeta; weights: TensorEntry[] } {
  const { document, bin } = readWeightsZip(
    bytes,
    'model.json',
    MAX_MODEL_BYTES,
    'the model export downloaded',
  );
  const parsed = modelJsonSchema.safeParse(document);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error).split('\n').slice(0, 4).join(' ');
    throw new WeightsFileError(`model.json is not a recplay model (${why}).`);
  }
  const { weightsManifest, recplay } = parsed.data;
  if (recplay.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new WeightsFileError(
      `This model file has format version ${recplay.formatVersion}; this app reads version ${MODEL_FORMAT_VERSION}.`,
    );
  }
  return {
    meta: recplay as ModelMeta,
    weights: unpackWeights(
      weightsManifest.flatMap((g) => g.weights),
      bin,
      'model.json',
    ),
  };
}

/**
 * Why weights shaped by `meta.encoding` do not fit the loaded data's encoding, as sentences (empty: they fit).
 * Checks every field's vocabulary size and table offset, multi-valued widths, modalities and histories.
 */
export function compatibilityIssues(meta: ModelMeta, enc: CtrEncoding): string[] {
  const want = meta.encoding;
  const have = encodingSignature(enc);
  const out: string[] = [];
  const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(', ') || 'none';
  if (names(want.fields) !== names(have.fields)) {
    out.push(
      `The model was trained on the fields ${names(want.fields)}; the loaded data has ${names(have.fields)}.`,
    );
  } else {
    want.fields.forEach((f, i) => {
      const h = have.fields[i];
      if (f.vocabSize !== h.vocabSize) {
        out.push(
          `Field ${f.name} has ${f.vocabSize - 1} values in the model's data and ${h.vocabSize - 1} in the loaded data.`,
        );
      } else if (f.offset !== h.offset) {
        out.push(`Field ${f.name} starts at table row ${f.offset} in the model and ${h.offset} here.`);
      }
    });
  }
  if (JSON.stringify(want.multiFields) !== JSON.stringify(have.multiFields)) {
    out.push(
      `Multi-valued fields differ: the model has ${names(want.multiFields)}, the data ${names(have.multiFields)} (or their sizes differ).`,
    );
  }
  if (want.numItems !== have.numItems)
    out.push(`The model knows ${want.numItems} items; the loaded data has ${have.numItems}.`);
  const mods = (xs: EncodingSignature['modalities']) =>
    xs.map((m) => `${m.name} (${m.dim})`).join(', ') || 'none';
  if (mods(want.modalities) !== mods(have.modalities)) {
    out.push(
      `Modalities differ: the model was trained with ${mods(want.modalities)}, the data has ${mods(have.modalities)}.`,
    );
  }
  if (JSON.stringify(want.history) !== JSON.stringify(have.history)) {
    out.push(
      'The behaviour sequences (length / liked-only) differ from the ones the model was trained with.',
    );
  }
  if (out.length === 0 && want.totalVocab !== have.totalVocab) {
    out.push(`The shared table has ${want.totalVocab} rows in the model and ${have.totalVocab} here.`);
  }
  if (out.length > 0) {
    out.unshift(
      `This model was trained on "${meta.dataset.name}" (${meta.dataset.numUsers} users, ${meta.dataset.numItems} items) and does not fit the loaded data.`,
    );
  }
  return out;
}
