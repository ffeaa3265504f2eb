/**
 * Weights as files, one format for everything we save (model export, training checkpoints): a JSON document
 * in the tfjs weights-manifest format (`weightsManifest: [{paths: ['weights.bin'], weights: [{name, shape,
 * dtype}]}]`, readable by `tf.io.decodeWeights`) plus our own sections, and `weights.bin`, every tensor's
 * little-endian values concatenated in manifest order; both zipped together. Non-finite numbers in the JSON
 * follow `data/json.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { fromJson, toJson } from '../data/json';

/** One tensor's values. `data` is always float32; `dtype` says what to restore (int32 values are exact < 2²⁴). */
export interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array;
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
}

/** A clear, user-facing reason why a file is not one we can load. */
export class WeightsFileError extends Error {}

async function toEntry(name: string, t: tf.Tensor): Promise<TensorEntry> {
  const values = await t.data();
  return {
    name,
    shape: [...t.shape],
    dtype: t.dtype === 'int32' ? 'int32' : 'float32',
    // A copy: `data()` may hand out the backend's own buffer.
    data: Float32Array.from(values as ArrayLike<number>),
  };
}

/** Reads tensors back as entries named `names[i]`, or `var/<index>` without names. */
export function readVariables(
  tensors: readonly tf.Tensor[],
  names?: readonly string[],
): Promise<TensorEntry[]> {
  return Promise.all(tensors.map((t, i) => toEntry(names?.[i] ?? `var/${i}`, t)));
}

/** Reads named tensors (an optimizer's `getWeights()`) back as entries. */
export function readNamed(named: readonly { name: string; tensor: tf.Tensor }[]): Promise<TensorEntry[]> {
  return Promise.all(named.map((n) => toEntry(n.name, n.tensor)));
}

/** A fresh tensor per entry; the caller owns them. */
export function entryTensor(e: TensorEntry): tf.Tensor {
  return e.dtype === 'int32'
    ? tf.tensor(Int32Array.from(e.data), [...e.shape], 'int32')
    : tf.tensor(e.data, [...e.shape], 'float32');
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Throws unless the entries match the tensors one to one in shape. */
export function checkShapes(entries: readonly TensorEntry[], vars: readonly tf.Tensor[], what: string): void {
  if (entries.length !== vars.length) {
    throw new WeightsFileError(`The file has ${entries.length} ${what}, the model ${vars.length}.`);
  }
  entries.forEach((e, i) => {
    if (!sameShape(e.shape, vars[i].shape)) {
      throw new WeightsFileError(
        `The file's ${what} ${i} has shape [${e.shape}], the model [${vars[i].shape}].`,
      );
    }
  });
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The manifest specs and `weights.bin` bytes of some entries. */
export function packWeights(entries: readonly TensorEntry[]): { specs: WeightSpec[]; bin: Uint8Array } {
  const total = entries.reduce((n, w) => n + w.data.length, 0);
  const bin = new Uint8Array(total * 4);
  const view = new DataView(bin.buffer);
  let at = 0;
  for (const w of entries) {
    if (w.data.length !== sizeOf(w.shape))
      throw new Error(`Weight ${w.name} has ${w.data.length} values for shape [${w.shape}].`);
    for (let k = 0; k < w.data.length; k++, at += 4) {
      if (w.dtype === 'int32') view.setInt32(at, w.data[k], true);
      else view.setFloat32(at, w.data[k], true);
    }
  }
  const specs = entries.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype }));
  return { specs, bin };
}

/**
 * The entries `specs` (the manifest of the document `jsonName`) describe in `bin`; throws `WeightsFileError`
 * when the sizes disagree.
 */
export function unpackWeights(
  specs: readonly WeightSpec[],
  bin: Uint8Array,
  jsonName: string,
): TensorEntry[] {
  const needed = specs.reduce((n, s) => n + sizeOf(s.shape) * 4, 0);
  if (needed !== bin.length) {
    throw new WeightsFileError(`weights.bin has ${bin.length} bytes; ${jsonName} describes ${needed}.`);
  }
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  let at = 0;
  return specs.map((s): TensorEntry => {
    const n = sizeOf(s.shape);
    const data = new Float32Array(n);
    for (let k = 0; k < n; k++, at += 4)
      data[k] = s.dtype === 'int32' ? view.getInt32(at, true) : view.getFloat32(at, true);
    return { name: s.name, shape: s.shape, dtype: s.dtype, data };
  });
}

/**
 * One zip: `<jsonName>` (the document, with `weightsManifest` added for the entries) and `weights.bin`.
 * `compress: false` stores the weights as they are (checkpoints are written every epoch; speed matters).
 */
export function writeWeightsZip(
  jsonName: string,
  document: Readonly<Record<string, unknown>>,
  entries: readonly TensorEntry[],
  compress = true,
): Uint8Array {
  const { specs, bin } = packWeights(entries);
  const json = { ...document, weightsManifest: [{ paths: ['weights.bin'], weights: specs }] };
  return zipSync({
    [jsonName]: strToU8(toJson(json, compress ? 1 : undefined)),
    'weights.bin': [bin, { level: compress ? 1 : 0 }],
  });
}

/**
 * Opens a zip holding `<jsonName>` and `weights.bin` (at its root or in one folder): the parsed document and
 * the raw weights bytes. Throws `WeightsFileError` with a reason a person can act on.
 */
export function readWeightsZip(
  bytes: Uint8Array,
  jsonName: string,
  maxBytes: number,
  what: string,
): { document: unknown; bin: Uint8Array } {
  if (bytes.length > maxBytes) throw new WeightsFileError(`The file is over ${maxBytes >> 20} MB.`);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WeightsFileError(`Not a zip file: choose the .zip ${what}.`);
  }
  let files: Record<string, Uint8Array>;
  const wanted = new RegExp(`(^|/)(${jsonName.replace('.', '\\.')}|weights\\.bin)$`);
  try {
    // Only the two files we need, and only if their declared sizes are sane (no zip bombs).
    files = unzipSync(bytes, { filter: (f) => wanted.test(f.name) && f.originalSize <= maxBytes });
  } catch (e) {
    throw new WeightsFileError(`The zip could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const find = (n: string) => Object.entries(files).find(([k]) => k === n || k.endsWith(`/${n}`))?.[1];
  const json = find(jsonName);
  const bin = find('weights.bin');
  if (!json || !bin) throw new WeightsFileError(`The zip holds no ${jsonName} and weights.bin.`);
  let document: unknown;
  try {
    document = fromJson(strFromU8(json));
  } catch {
    throw new WeightsFileError(`${jsonName} is not valid JSON.`);
  }
  return { document, bin };
}
