/**
 * A sweep's search space, derived from a model's config schema and its family's training schema
 * (`models/config.ts`, `train/config.ts`): per setting a linear or log range (numbers), a list of options
 * (choices) or both values (booleans). Plain data, validated with zod when it comes from outside (a link, a
 * file, IndexedDB); a value drawn from it is snapped to the schema (integers rounded, clamped to the
 * schema's range), so a trial's settings always resolve without a warning. No tfjs, no React.
 */
import * as z from 'zod/mini';
import type { Param, ParamSchema } from '../../models/config';

/** Whose schema a setting belongs to: the model's or its training settings'. */
export type Target = 'model' | 'train';

export type Dimension =
  | {
      readonly kind: 'number';
      readonly target: Target;
      readonly key: string;
      readonly min: number;
      readonly max: number;
      readonly scale: 'linear' | 'log';
      readonly integer: boolean;
    }
  | {
      readonly kind: 'choice';
      readonly target: Target;
      readonly key: string;
      readonly options: readonly string[];
    }
  | { readonly kind: 'boolean'; readonly target: Target; readonly key: string };

export interface SweepSpace {
  readonly modelId: string;
  readonly dims: readonly Dimension[];
}

/** A trial's values, keyed by `dimId`. */
export type SweepValue = number | string | boolean;
export type SweepValues = Readonly<Record<string, SweepValue>>;

/** At most this many settings in one sweep (and options per choice): a link must stay short. */
export const MAX_DIMS = 8;
export const MAX_OPTIONS = 12;

/** A setting's id in a sweep: the model's key, or `train.<key>` for a training setting. */
export function dimId(d: Pick<Dimension, 'target' | 'key'>): string {
  return d.target === 'train' ? `train.${d.key}` : d.key;
}

/** The schemas a space is checked against: the model's config schema and its family's training schema. */
export interface SpaceSchemas {
  readonly model: ParamSchema;
  readonly train: ParamSchema;
}

/** Settings a sweep never varies: the seed is the sweep's, the epochs its budget's. */
const FIXED_TRAIN_KEYS = new Set(['seed', 'epochs']);

/** Whether a setting can be swept (numbers, choices, booleans; not layer lists, seed or epochs). */
export function sweepable(target: Target, key: string, p: Param): boolean {
  if (target === 'train' && FIXED_TRAIN_KEYS.has(key)) return false;
  return p.kind !== 'layers';
}

/**
 * The default dimension of a schema setting: its whole range, log where the schema shows it on a log scale
 * (and its minimum is positive), every option, both booleans.
 */
export function dimensionFor(target: Target, key: string, p: Param): Dimension | null {
  if (!sweepable(target, key, p)) return null;
  switch (p.kind) {
    case 'number':
      return {
        kind: 'number',
        target,
        key,
        min: p.min,
        max: p.max,
        scale: p.log && p.min > 0 ? 'log' : 'linear',
        integer: p.integer === true,
      };
    case 'choice':
      return { kind: 'choice', target, key, options: [...p.options] };
    case 'boolean':
      return { kind: 'boolean', target, key };
    default:
      return null;
  }
}

/** Every setting of the two schemas that can be swept, model settings first, each with its default dimension. */
export function candidateDimensions(schemas: SpaceSchemas): Dimension[] {
  const out: Dimension[] = [];
  for (const target of ['model', 'train'] as const) {
    for (const [key, p] of Object.entries(schemas[target])) {
      const d = dimensionFor(target, key, p);
      if (d) out.push(d);
    }
  }
  return out;
}

/** The schema parameter behind a dimension (undefined when the schema has no such setting). */
export function paramOf(schemas: SpaceSchemas, d: Pick<Dimension, 'target' | 'key'>): Param | undefined {
  const schema = schemas[d.target];
  return Object.hasOwn(schema, d.key) ? schema[d.key] : undefined;
}

/** A number snapped to its dimension and schema: rounded when integer, clamped to both ranges. */
export function snapNumber(d: Extract<Dimension, { kind: 'number' }>, x: number): number {
  const v = d.integer ? Math.round(x) : x;
  return Math.min(d.max, Math.max(d.min, v));
}

/** Position of `x` along a number dimension in [0, 1] (on its scale). */
export function unitOf(d: Extract<Dimension, { kind: 'number' }>, x: number): number {
  if (d.max === d.min) return 0;
  if (d.scale === 'log') return (Math.log(x) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min));
  return (x - d.min) / (d.max - d.min);
}

/** The number at `u` in [0, 1] along a number dimension (on its scale), snapped. */
export function numberAt(d: Extract<Dimension, { kind: 'number' }>, u: number): number {
  const x =
    d.scale === 'log'
      ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
      : d.min + u * (d.max - d.min);
  return snapNumber(d, x);
}

/** Splits a trial's values into the model's and the training settings' (keys as their schemas name them). */
export function splitValues(
  space: SweepSpace,
  values: SweepValues,
): { model: Record<string, SweepValue>; train: Record<string, SweepValue> } {
  const model: Record<string, SweepValue> = {};
  const train: Record<string, SweepValue> = {};
  for (const d of space.dims) {
    const id = dimId(d);
    if (Object.hasOwn(values, id)) (d.target === 'model' ? model : train)[d.key] = values[id];
  }
  return { model, train };
}

// ---- Validation -----------------------------------------------------------------------------------------

const keyName = z.string().check(z.minLength(1), z.maxLength(64));
const target = z.enum(['model', 'train']);
const finite = z.number().check(z.refine(Number.isFinite, 'must be finite'));
const dimensionWire = z.union([
  z.object({
    kind: z.literal('number'),
    target,
    key: keyName,
    min: finite,
    max: finite,
    scale: z.enum(['linear', 'log']),
    integer: z.boolean(),
  }),
  z.object({
    kind: z.literal('choice'),
    target,
    key: keyName,
    options: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(MAX_OPTIONS)),
  }),
  z.object({ kind: z.literal('boolean'), target, key: keyName }),
]);
const spaceWire = z.object({
  modelId: z.string().check(z.minLength(1), z.maxLength(64)),
  dims: z.array(dimensionWire).check(z.maxLength(MAX_DIMS)),
});

/**
 * Checks a space (from a link, a file, IndexedDB) against the schemas: each setting must exist, be sweepable
 * and of the same kind; ranges are clamped into the schema's, integer-ness is the schema's, a log scale needs
 * a positive minimum, options must be the schema's; a setting listed twice is dropped. Returns the space (with
 * the invalid dimensions left out) and a message per problem; null when the value is not a space at all.
 */
export function parseSpace(
  raw: unknown,
  schemasOf: (modelId: string) => SpaceSchemas | undefined,
): { space: SweepSpace; problems: string[] } | { space: null; problems: string[] } {
  const r = spaceWire.safeParse(raw);
  if (!r.success) return { space: null, problems: [z.prettifyError(r.error).replace(/\n/g, ' ')] };
  const schemas = schemasOf(r.data.modelId);
  if (!schemas) return { space: null, problems: [`${r.data.modelId} is not a model of this app`] };
  const problems: string[] = [];
  const dims: Dimension[] = [];
  const seen = new Set<string>();
  for (const d of r.data.dims) {
    const id = dimId(d);
    const p = paramOf(schemas, d);
    if (seen.has(id)) {
      problems.push(`${id}: listed twice; the first is kept`);
      continue;
    }
    if (!p || !sweepable(d.target, d.key, p) || p.kind !== d.kind) {
      problems.push(`${id}: not a ${d.kind} setting of ${r.data.modelId} that a sweep can vary; left out`);
      continue;
    }
    seen.add(id);
    if (d.kind === 'number' && p.kind === 'number') {
      const lo = Math.max(p.min, Math.min(d.min, d.max));
      const hi = Math.min(p.max, Math.max(d.min, d.max));
      if (lo > hi) {
        problems.push(`${id}: [${d.min}, ${d.max}] lies outside [${p.min}, ${p.max}]; left out`);
        seen.delete(id);
        continue;
      }
      if (lo !== Math.min(d.min, d.max) || hi !== Math.max(d.min, d.max))
        problems.push(`${id}: range clamped to [${lo}, ${hi}]`);
      const scale = d.scale === 'log' && lo <= 0 ? 'linear' : d.scale;
      if (scale !== d.scale) problems.push(`${id}: a log range needs a positive minimum; linear used`);
      dims.push({
        kind: 'number',
        target: d.target,
        key: d.key,
        min: lo,
        max: hi,
        scale,
        integer: p.integer === true,
      });
    } else if (d.kind === 'choice' && p.kind === 'choice') {
      const options = [...new Set(d.options.filter((o) => p.options.includes(o)))];
      if (options.length < d.options.length) problems.push(`${id}: options not in the schema left out`);
      if (options.length === 0) {
        seen.delete(id);
        continue;
      }
      dims.push({ kind: 'choice', target: d.target, key: d.key, options });
    } else {
      dims.push({ kind: 'boolean', target: d.target, key: d.key });
    }
  }
  return { space: { modelId: r.data.modelId, dims }, problems };
}
