/**
 * Layers shared by the models: seeded initialisers, dense / MLP with ReLU or PReLU, and the embedding L2
 * term. Plain functions over tfjs-core ops; a model owns a `Params` collection and disposes it. Field
 * embeddings are in `fields.ts`, attention blocks in `attention.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { denseBiasPrelu } from './biasPrelu';
import type { Rng } from '../data/random';

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

  fill(name: string, shape: number[], value: number): tf.Variable {
    return this.add(name, tf.fill(shape, value));
  }

  /** A non-trainable tensor the model reads (e.g. item modality matrices). */
  constant<T extends tf.Tensor>(t: T): T {
    this.constants.push(t);
    return t;
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    if (this.names.includes(name)) throw new Error(`duplicate variable name ${name}`);
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

export type Activation = 'relu' | 'prelu' | 'none';

/** PReLU's initial negative slope (He et al. 2015; PyTorch and DeepCTR use it too). */
export const PRELU_INIT = 0.25;

/**
 * `max(0, x) + α ⊙ min(0, x)` with a learned slope per unit. Written with relu so it needs no `Prelu`
 * kernel with broadcasting, which not every backend has. `x: [N, u]`, `alpha: [u]`.
 */
export function prelu(x: tf.Tensor2D, alpha: tf.Tensor1D): tf.Tensor2D {
  return tf.sub(tf.relu(x), tf.mul(alpha, tf.relu(tf.neg(x)))) as tf.Tensor2D;
}

export interface Dense {
  /** `[N, inDim]` → `[N, outDim]` */
  apply(x: tf.Tensor2D): tf.Tensor2D;
}

/**
 * The activation `act` for `[N, units]` inputs, creating its parameters (PReLU's slopes, `${name}_alpha`).
 */
export function activationFn(
  p: Params,
  name: string,
  units: number,
  act: Activation,
): (x: tf.Tensor2D) => tf.Tensor2D {
  switch (act) {
    case 'relu':
      return (x) => tf.relu(x);
    case 'prelu': {
      const alpha = p.fill(`${name}_alpha`, [units], PRELU_INIT) as tf.Variable<tf.Rank.R1>;
      return (x) => prelu(x, alpha);
    }
    case 'none':
      return (x) => x;
  }
}

export function dense(
  p: Params,
  name: string,
  inDim: number,
  outDim: number,
  act: Activation = 'none',
  bias = true,
): Dense {
  const w = p.glorot(`${name}_w`, inDim, outDim);
  const b = bias ? p.zeros(`${name}_b`, [outDim]) : null;
  // PReLU after a bias: one kernel each way where there is one (`denseBiasPrelu`); its slopes are made as
  // activationFn makes them (same name, same order).
  if (b && act === 'prelu') {
    const alpha = p.fill(`${name}_alpha`, [outDim], PRELU_INIT) as tf.Tensor1D;
    return { apply: (x) => denseBiasPrelu(tf.matMul(x, w), b as tf.Tensor1D, alpha) };
  }
  const activate = activationFn(p, name, outDim, act);
  return {
    apply: (x) => {
      const xw = tf.matMul(x, w);
      return activate((b ? tf.add(xw, b) : xw) as tf.Tensor2D);
    },
  };
}

export interface Mlp {
  readonly outDim: number;
  /** `seed` drives dropout; pass a fresh one per step. */
  apply(x: tf.Tensor2D, training: boolean, seed: number): tf.Tensor2D;
}

/**
 * Hidden layers `[N, inDim] → [N, outDim]` with `act` (ReLU by default) and dropout after each. An empty
 * `units` is the identity.
 */
export function mlp(
  p: Params,
  name: string,
  inDim: number,
  units: readonly number[],
  dropout: number,
  act: Activation = 'relu',
): Mlp {
  const layers = units.map((u, i) => dense(p, `${name}${i}`, i === 0 ? inDim : units[i - 1], u, act));
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

/**
 * Identity in the forward pass; adds the gradient of `l2 · Σ x² / batchSize` in the backward pass. This is L2 on the embeddings a batch uses (DIN's mini-batch-aware regularisation), applied
 * without a loss term so it works under any trainer; the reported loss therefore excludes it. Pass
 * embeddings with padding already masked to 0 so that padding rows get no penalty.
 */
export function embeddingL2<T extends tf.Tensor>(x: T, l2: number, batchSize: number): T {
  if (l2 <= 0) return x;
  const scale = (2 * l2) / batchSize;
  // customGrad's callback receives (inputs…, save) as one untyped list.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([input]);
    return {
      value: tf.clone(input),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        tf.add(dy as tf.Tensor, tf.mul(saved[0], scale)),
    };
  });
  return op(x) as T;
}
