/**
 * Optimizer steps on top of tfjs's built-in optimizers: gradients from `tf.variableGrads`, clipped by global
 * norm, decoupled weight decay (AdamW, Loshchilov & Hutter 2019), then `applyGradients` with a learning rate
 * set per step from a schedule. The tfjs optimizer keeps its own state (moments, accumulators), so
 * `getWeights` / `setWeights` checkpoint it (see checkpoint.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_STEP, type AdamStepAttrs } from '../kernels/AdamStep';

export type OptimizerName = 'adam' | 'adagrad' | 'sgd';
export type ScheduleName = 'constant' | 'cosine';

/** The optimizer part of `TrainConfig` (structurally; kept here so this module needs no schema). */
export interface OptimizerSettings {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** SGD only; 0 is plain SGD. */
  readonly momentum: number;
  /** Decoupled decay: weights are multiplied by `1 − rate·weightDecay` each step; 0 is off. */
  readonly weightDecay: number;
  readonly schedule: ScheduleName;
  readonly warmupSteps: number;
  /** Global-norm clipping threshold; 0 is off. */
  readonly clipNorm: number;
}

/**
 * Learning rate of the 0-based optimizer step `step` out of `totalSteps`: linear warmup to the peak over
 * `warmupSteps`, then constant or cosine decay (reaching 0 just after the last step, so no step is wasted
 * at rate 0).
 */
export function scheduledRate(
  s: Pick<OptimizerSettings, 'learningRate' | 'schedule' | 'warmupSteps'>,
  step: number,
  totalSteps: number,
): number {
  const { learningRate: peak, warmupSteps: warmup } = s;
  if (step < warmup) return (peak * (step + 1)) / warmup;
  if (s.schedule === 'constant') return peak;
  const progress = Math.min(1, (step - warmup) / Math.max(1, totalSteps - warmup));
  return 0.5 * peak * (1 + Math.cos(Math.PI * progress));
}

/** What every optimizer here offers beyond `tf.Optimizer`: a learning rate that can change between steps. */
export interface RateSettable {
  setLearningRate(rate: number): void;
}
export type ScheduledOptimizer = tf.Optimizer & RateSettable;

// tfjs's Adam keeps its bias-correction products β₁ᵗ, β₂ᵗ in private variables and `setWeights` rebuilds
// them with `pow(β, t + 1)`, which differs in float32 from the running product after a few steps: resuming
// would drift. We checkpoint the products themselves. Checked at construction so a tfjs upgrade that renames
// them fails loudly instead of resuming inexactly.
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}
const ACC_BETA = ['accBeta1', 'accBeta2'] as const;
/** tfjs's `NamedTensor` (not re-exported from the package root). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

class ScheduledAdam extends tf.AdamOptimizer implements RateSettable {
  /**
   * β₁ᵗ and β₂ᵗ as the device holds them (tfjs starts them at β and multiplies in float32 each step), kept on
   * the host so that a step reads no scalar back: on webgpu a read is a sync point per step.
   */
  private acc: [number, number] = [Math.fround(0.9), Math.fround(0.999)];
  constructor(rate: number) {
    super(rate, 0.9, 0.999, 1e-7);
    const internals = this.internals();
    if (!(internals.accBeta1 instanceof tf.Variable) || !(internals.accBeta2 instanceof tf.Variable)) {
      throw new Error('tfjs AdamOptimizer internals changed: accBeta1/accBeta2 not found');
    }
  }
  private internals(): AdamInternals {
    return this as unknown as AdamInternals;
  }
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
  /**
   * tfjs's update, with each variable's arithmetic in one kernel where the backend has ours (wasm, cpu,
   * webgpu, webgl: see kernels/AdamStep*.ts); the stock update elsewhere. Same state, same order, same
   * checkpoints.
   */
  override applyGradients(variableGradients: Record<string, tf.Variable> | NamedTensor[]): void {
    const s = this.internals();
    const [p1, p2] = this.acc;
    this.acc = [Math.fround(p1 * Math.fround(s.beta1)), Math.fround(p2 * Math.fround(s.beta2))];
    if (!tf.getKernel(ADAM_STEP, tf.getBackend())) return super.applyGradients(variableGradients);
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    const attrs: AdamStepAttrs = {
      rate: s.learningRate,
      beta1: s.beta1,
      beta2: s.beta2,
      epsilon: s.epsilon,
      // sub(1, accBeta) in float32, as tfjs's step computes it, from the host's copy of accBeta.
      correction1: Math.fround(1 - p1),
      correction2: Math.fround(1 - p2),
    };
    list.forEach(({ name, tensor: gradient }, i) => {
      const value = tf.engine().registeredVariables[name];
      const moment = (slots: AdamInternals['accumulatedFirstMoment'], suffix: string) =>
        (slots[i] ??= {
          originalName: `${name}/${suffix}`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        }).variable;
      const m = moment(s.accumulatedFirstMoment, 'm');
      const v = moment(s.accumulatedSecondMoment, 'v');
      if (gradient == null) return;
      const out = tf
        .engine()
        .runKernel(
          ADAM_STEP,
          { x: value, g: gradient, m, v },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      m.assign(out[1]);
      v.assign(out[2]);
      value.assign(out[0]);
      tf.dispose(out);
    });
    tf.tidy(() => {
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    this.incrementIterations();
  }
  /** tfjs's weights (`iter`, first moments, second moments) plus `accBeta1`, `accBeta2`. */
  override async getWeights(): Promise<NamedTensor[]> {
    const internals = this.internals();
    return [...(await super.getWeights()), ...ACC_BETA.map((name) => ({ name, tensor: internals[name] }))];
  }
  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const acc = weights.filter((w) => (ACC_BETA as readonly string[]).includes(w.name));
    await super.setWeights(weights.filter((w) => !acc.includes(w)));
    const internals = this.internals();
    for (const { name, tensor } of acc) internals[name as (typeof ACC_BETA)[number]].assign(tensor);
    const read = async (v: tf.Variable) => ((await v.data()) as Float32Array)[0];
    this.acc = [await read(internals.accBeta1), await read(internals.accBeta2)];
  }
}

class ScheduledAdagrad extends tf.AdagradOptimizer implements RateSettable {
  setLearningRate(rate: number): void {
    this.learningRate = rate;
  }
}

/** SGD already has `setLearningRate` (it caches `-rate` as a scalar, so assigning the field would not work). */
class ScheduledSgd extends tf.SGDOptimizer implements RateSettable {}

class ScheduledMomentum extends tf.MomentumOptimizer implements RateSettable {
  // tfjs's MomentumOptimizer.dispose forgets SGD's cached rate scalar `c`: one leaked tensor per optimizer.
  override dispose(): void {
    super.dispose();
    this.c.dispose();
  }
}

/** A tfjs optimizer for the settings, at the peak learning rate (Adam: β₁ 0.9, β₂ 0.999, ε 1e-7). */
export function makeTfOptimizer(s: Pick<OptimizerSettings, 'optimizer' | 'learningRate' | 'momentum'>) {
  switch (s.optimizer) {
    case 'adam':
      return new ScheduledAdam(s.learningRate);
    case 'adagrad':
      return new ScheduledAdagrad(s.learningRate);
    case 'sgd':
      return s.momentum > 0
        ? new ScheduledMomentum(s.learningRate, s.momentum)
        : new ScheduledSgd(s.learningRate);
  }
}

/** An optimizer with its schedule, clipping and decay; owns the tfjs optimizer. */
export interface Stepper {
  readonly settings: OptimizerSettings;
  readonly totalSteps: number;
  /** The tfjs optimizer, for `getWeights` / `setWeights`. */
  readonly optimizer: ScheduledOptimizer;
  /**
   * One update at 0-based global step `step`: gradients of `loss` with respect to `vars` (the order must
   * stay the same between steps: tfjs keys optimizer state by position), clipped, decay applied to `vars`,
   * gradients applied at `scheduledRate(step)`.
   * @returns the loss before the update; the caller disposes it.
   */
  step(loss: () => tf.Scalar, vars: readonly tf.Variable[], step: number): tf.Scalar;
  dispose(): void;
}

export function makeStepper(settings: OptimizerSettings, totalSteps: number): Stepper {
  const optimizer = makeTfOptimizer(settings);
  let rate = settings.learningRate;
  return {
    settings,
    totalSteps,
    optimizer,
    step(loss, vars, step) {
      const next = scheduledRate(settings, step, totalSteps);
      if (next !== rate) {
        optimizer.setLearningRate(next);
        rate = next;
      }
      const { value, grads } = tf.variableGrads(loss, vars as tf.Variable[]);
      tf.tidy(() => {
        // A variable the loss does not reach has no gradient; tfjs's own `minimize` passes it on as
        // undefined (the optimizer skips it), and so do we, so that positions keep matching the state.
        let list: (tf.Tensor | undefined)[] = vars.map((v) => grads[v.name]);
        if (settings.clipNorm > 0) list = clipByGlobalNorm(list, settings.clipNorm);
        if (settings.weightDecay > 0) {
          const keep = 1 - rate * settings.weightDecay;
          for (const v of vars) v.assign(tf.mul(v, keep));
        }
        optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: list[i] as tf.Tensor })));
      });
      tf.dispose(grads);
      return value;
    },
    dispose: () => optimizer.dispose(),
  };
}

/**
 * Scales all gradients by `clipNorm / max(‖g‖, clipNorm)`, ‖g‖ the L2 norm of all of them together
 * (TensorFlow's `clip_by_global_norm`). Stays on the device: no read-back per step. Call inside a tidy.
 */
export function clipByGlobalNorm(
  grads: readonly (tf.Tensor | undefined)[],
  clipNorm: number,
): (tf.Tensor | undefined)[] {
  const present = grads.filter((g): g is tf.Tensor => g !== undefined);
  if (present.length === 0) return [...grads];
  const norm = tf.sqrt(tf.addN(present.map((g) => tf.sum(tf.square(g)))));
  const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
  return grads.map((g) => (g === undefined ? undefined : tf.mul(g, scale)));
}
