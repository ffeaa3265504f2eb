/**
 * A trained ctr model as files: `model.json` in the tfjs weights-manifest format
 * (`weightsManifest: [{paths: ['weights.bin'], weights: [{name, shape, dtype}]}]`, little-endian values
 * concatenated in manifest order, as `tf.io.decodeWeights` reads them) plus our own `recplay` section — the
 * model id, its full config, and the encoding's vocabulary sizes and offsets the weights were shaped by —
 * and `weights.bin`, zipped together. Pure functions: no tfjs, so they run anywhere and are tested in Node.
 *
 * There is no `modelTopology`: the graph is our model code (`models/<id>.ts`), rebuilt from the config.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as z from 'zod/mini';
import type { CtrEncoding } from '../../data/features';
import type { TensorEntry } from '../weights';

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

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** `model.json` (as an object) and `weights.bin` for the given weights. */
export function modelArtifacts(
  meta: ModelMeta,
  weights: readonly TensorEntry[],
): { json: object; bin: Uint8Array } {
  const total = weights.reduce((n, w) => n + w.data.length, 0);
  const bin = new Uint8Array(total * 4);
  const view = new DataView(bin.buffer);
  let at = 0;
  for (const w of weights) {
    if (w.data.length !== sizeOf(w.shape))
      throw new Error(`Weight ${w.name} has ${w.data.length} values for shape [${w.shape}].`);
    for (let k = 0; k < w.data.length; k++, at += 4) {
      if (w.dtype === 'int32') view.setInt32(at, w.data[k], true);
      else view.setFloat32(at, w.data[k], true);
    }
  }
  const json = {
    format: MODEL_FORMAT,
    generatedBy: 'recplay',
    convertedBy: null,
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })),
      },
    ],
    recplay: meta,
  };
  return { json, bin };
}

/** One zip with `model.json` and `weights.bin`. */
export function modelZip(meta: ModelMeta, weights: readonly TensorEntry[]): Uint8Array {
  const { json, bin } = modelArtifacts(meta, weights);
  // JSON has no NaN: a NaN metric is written as null, which the schema allows.
  return zipSync({
    'model.json': strToU8(JSON.stringify(json, null, 1)),
    'weights.bin': [bin, { level: 1 }],
  });
}

/** A clear, user-facing reason why a file is not a model we can load. */
export class ModelFileError extends Error {}

/** Reads `model.json` + `weights.bin` (zipped, or given separately). Throws `ModelFileError` with a reason. */
export function readModelFiles(
  jsonText: string,
  bin: Uint8Array,
): { meta: ModelMeta; weights: TensorEntry[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch {
    throw new ModelFileError('model.json is not valid JSON.');
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error).split('\n').slice(0, 4).join(' ');
    throw new ModelFileError(`model.json is not a recplay model (${why}).`);
  }
  const { weightsManifest, recplay } = parsed.data;
  if (recplay.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `This model file has format version ${recplay.formatVersion}; this app reads version ${MODEL_FORMAT_VERSION}.`,
    );
  }
  const specs = weightsManifest.flatMap((g) => g.weights);
  const needed = specs.reduce((n, s) => n + sizeOf(s.shape) * 4, 0);
  if (needed !== bin.length) {
    throw new ModelFileError(`weights.bin has ${bin.length} bytes; model.json describes ${needed}.`);
  }
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  const weights = specs.map((s): TensorEntry => {
    const n = sizeOf(s.shape);
    const data = new Float32Array(n);
    for (let k = 0; k < n; k++, at += 4)
      data[k] = s.dtype === 'int32' ? view.getInt32(at, true) : view.getFloat32(at, true);
    return { name: s.name, shape: s.shape, dtype: s.dtype, data };
  });
  return { meta: recplay as ModelMeta, weights };
}

/** Opens a model zip (ours, or any zip holding a `model.json` and its `weights.bin`). */
export function readModelZip(bytes: Uint8Array): { meta: ModelMeta; weights: TensorEntry[] } {
  if (bytes.length > MAX_MODEL_BYTES)
    throw new ModelFileError(`The file is over ${MAX_MODEL_BYTES >> 20} MB.`);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ModelFileError('Not a zip file: choose the .zip the model export downloaded.');
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      // Only the two files we need, and only if their declared sizes are sane (no zip bombs).
      filter: (f) => /(^|\/)(model\.json|weights\.bin)$/.test(f.name) && f.originalSize <= MAX_MODEL_BYTES,
    });
  } catch (e) {
    throw new ModelFileError(`The zip could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const find = (n: string) => Object.entries(files).find(([k]) => k === n || k.endsWith(`/${n}`))?.[1];
  const json = find('model.json');
  const bin = find('weights.bin');
  if (!json || !bin) throw new ModelFileError('The zip holds no model.json and weights.bin.');
  return readModelFiles(strFromU8(json), bin);
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
