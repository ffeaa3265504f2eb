/**
 * Typed hyperparameter schemas: one per model (and one for training), each field with its default,
 * range and help text. The form, the share link and the bench are all built from these, so a value can
 * never be missing (no `undefined` read as "off") or out of range.
 */

interface ParamBase {
  readonly label: string;
  readonly doc: string;
}
export interface NumberParam extends ParamBase {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Show and step on a log scale (learning rates, regularisation). */
  readonly log?: boolean;
}
export interface BooleanParam extends ParamBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}
export interface ChoiceParam<T extends string = string> extends ParamBase {
  readonly kind: 'choice';
  readonly default: T;
  readonly options: readonly T[];
}
/** A list of layer widths, e.g. an MLP's hidden units. */
export interface LayersParam extends ParamBase {
  readonly kind: 'layers';
  readonly default: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly maxLength: number;
}
export type Param = NumberParam | BooleanParam | ChoiceParam | LayersParam;
export type ParamSchema = Readonly<Record<string, Param>>;

export type ValueOf<P extends Param> = P extends NumberParam
  ? number
  : P extends BooleanParam
    ? boolean
    : P extends ChoiceParam<infer T>
      ? T
      : P extends LayersParam
        ? readonly number[]
        : never;

export type ConfigOf<S extends ParamSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };

export function defaults<S extends ParamSchema>(schema: S): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(schema)) out[key] = p.default;
  return out as ConfigOf<S>;
}

function resolveValue(key: string, p: Param, raw: unknown, warnings: string[]): unknown {
  const reject = (why: string) => {
    warnings.push(`${key}: ${why}; using the default ${JSON.stringify(p.default)}`);
    return p.default;
  };
  switch (p.kind) {
    case 'number': {
      const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof v !== 'number' || !Number.isFinite(v))
        return reject(`${JSON.stringify(raw)} is not a number`);
      let x = p.integer ? Math.round(v) : v;
      if (x < p.min || x > p.max) {
        const clamped = Math.min(p.max, Math.max(p.min, x));
        warnings.push(`${key}: ${x} is outside [${p.min}, ${p.max}]; clamped to ${clamped}`);
        x = clamped;
      }
      return x;
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === '1') return true;
      if (raw === 'false' || raw === '0') return false;
      return reject(`${JSON.stringify(raw)} is not true or false`);
    case 'choice':
      return typeof raw === 'string' && p.options.includes(raw)
        ? raw
        : reject(`${JSON.stringify(raw)} is not one of ${p.options.join(', ')}`);
    case 'layers': {
      const list =
        typeof raw === 'string'
          ? raw
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(Number)
          : Array.isArray(raw)
            ? raw.map((x) => (typeof x === 'number' ? x : Number(x)))
            : null;
      if (!list) return reject(`${JSON.stringify(raw)} is not a list of layer sizes`);
      if (list.length > p.maxLength) return reject(`at most ${p.maxLength} layers`);
      if (list.some((x) => !Number.isInteger(x) || x < p.min || x > p.max))
        return reject(`every layer size must be an integer in [${p.min}, ${p.max}]`);
      return list;
    }
  }
}

/**
 * Resolves a config from defaults ← `input`. Unknown keys and invalid values are reported, never silently
 * kept; out-of-range numbers are clamped.
 */
export function resolveConfig<S extends ParamSchema>(
  schema: S,
  input: Readonly<Record<string, unknown>> = {},
): { config: ConfigOf<S>; warnings: string[] } {
  const warnings: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(schema)) {
    out[key] = Object.hasOwn(input, key) ? resolveValue(key, p, input[key], warnings) : p.default;
  }
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(schema, key)) warnings.push(`${key}: unknown setting, ignored`);
  }
  return { config: out as ConfigOf<S>, warnings };
}
