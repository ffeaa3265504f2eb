/**
 * Layers shared by the models: seeded initialisers, dense/MLP, and the field embedding that turns a ctr row
 * (categorical fields + item modality vectors) into `[B, M, d]`. Plain functions over tfjs-core ops; a model
 * owns a `Params` collection and disposes it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../data/features';
import type { Rng } from '../data/random';
import type { CtrBatch } from './types';

/** A model's variables and constant tensors, created from one seeded rng. */
export class Params {
  readonly variables: tf.Variable[] = [];
  /** Our name of each variable (tfjs's own names must be globally unique, so it picks those). */
  readonly names: string[] = [];
  private readonly constants: tf.Tensor[] = [];
  constructor(private readonly rng: Rng) {}

  normal(name: string, shape: number[], std: number): tf.Variable {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = this.rng.normal() * std;
    return this.add(name, tf.tensor(values, shape));
  }

  /** Glorot (Xavier) uniform, the default of Keras and DeepCTR dense layers. */
  glorot(name: string, fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < values.length; i++) values[i] = (this.rng.next() * 2 - 1) * limit;
    return this.add(name, tf.tensor2d(values, [fanIn, fanOut]));
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.zeros(shape));
  }

  /** A non-trainable tensor the model reads (e.g. item modality matrices). */
  constant<T extends tf.Tensor>(t: T): T {
    this.constants.push(t);
    return t;
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    const v = tf.variable(init, true);
    init.dispose();
    this.variables.push(v);
    this.names.push(name);
    return v;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    for (const c of this.constants) c.dispose();
    this.variables.length = 0;
    this.names.length = 0;
    this.constants.length = 0;
  }
}

export type Activation = 'relu' | 'none';

export interface Dense {
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

export function dense(
  p: Params,
  name: string,
  inDim: number,
  outDim: number,
  act: Activation = 'none',
): Dense {
  const w = p.glorot(`${name}_w`, inDim, outDim);
  const b = p.zeros(`${name}_b`, [outDim]);
  return {
    apply: (x) => {
      const y = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
      return act === 'relu' ? tf.relu(y) : y;
    },
  };
}

export interface Mlp {
  readonly outDim: number;
  /** `seed` drives dropout; pass a fresh one per step. */
  apply(x: tf.Tensor2D, training: boolean, seed: number): tf.Tensor2D;
}

/** Hidden layers with ReLU and dropout after each. An empty `units` is the identity. */
export function mlp(p: Params, name: string, inDim: number, units: readonly number[], dropout: number): Mlp {
  const layers = units.map((u, i) => dense(p, `${name}${i}`, i === 0 ? inDim : units[i - 1], u, 'relu'));
  return {
    outDim: units.length ? units[units.length - 1] : inDim,
    apply(x, training, seed) {
      let h = x;
      layers.forEach((layer, i) => {
        h = layer.apply(h);
        if (training && dropout > 0) h = tf.dropout(h, dropout, undefined, seed + i) as tf.Tensor2D;
      });
      return h;
    },
  };
}

export interface FieldEmbedding {
  /** Number of fields M: categorical fields plus one per item modality. */
  readonly numFields: number;
  readonly fieldNames: readonly string[];
  /** @returns `[B, M, d]` */
  apply(batch: CtrBatch): tf.Tensor3D;
}

/**
 * Categorical fields: one shared table, row `offset + token`. Modality vectors (visual / acoustic / text):
 * `W_m x + b_m → d`, gathered by item index from a constant matrix on the device, so each becomes a field.
 */
export function fieldEmbedding(
  p: Params,
  features: CtrEncoding,
  dim: number,
  options: { useModalities: boolean; initStd: number },
): FieldEmbedding {
  const table = p.normal('embedding', [features.totalVocab, dim], options.initStd);
  const modalities = options.useModalities ? features.modalities : [];
  const projections = modalities.map((m) => ({
    data: p.constant(tf.tensor2d(m.data, [m.data.length / m.dim, m.dim])),
    proj: dense(p, `modality_${m.name}`, m.dim, dim),
  }));
  const fieldNames = [...features.fields.map((f) => f.name), ...modalities.map((m) => m.name)];
  return {
    numFields: fieldNames.length,
    fieldNames,
    apply(batch) {
      const cat = tf.gather(table, batch.fieldIds) as tf.Tensor3D; // [B, F, d]
      if (projections.length === 0) return cat;
      const mods = projections.map(({ data, proj }) =>
        tf.expandDims(proj.apply(tf.gather(data, batch.itemIdx) as tf.Tensor2D), 1),
      );
      return tf.concat([cat, ...mods], 1) as tf.Tensor3D;
    },
  };
}
