/**
 * Every model the app offers, in picker order (the first is the page's default). Adding a model is one module
 * exporting one entry (`contract.ts`) plus one line here; the picker, the views, share links, export and
 * import, the bench and the tests all read this list. Plain data: the page imports it without tfjs.
 */
import { resolveConfig, type ConfigOf, type ParamSchema } from './config';
import type { ModelEntry, ModelFamily } from './contract';
import { amfr } from './ctr/amfr';
import { autoint } from './ctr/autoint';
import { din } from './ctr/din';
import { dnn } from './ctr/dnn';
import { lr } from './ctr/lr';
import { mmdin } from './ctr/mmdin';
import { bprmf } from './topk/bprmf';
import { ease } from './topk/ease';
import { itemknn } from './topk/itemknn';
import { lightgcn } from './topk/lightgcn';
import { pop } from './topk/pop';
import { sasrec } from './topk/sasrec';
import { tmfun } from './topk/tmfun';

export const MODELS = [
  dnn,
  lr,
  autoint,
  amfr,
  din,
  mmdin,
  pop,
  itemknn,
  ease,
  bprmf,
  lightgcn,
  tmfun,
  sasrec,
] as const satisfies readonly ModelEntry[];

/** A set of models the app, a session or a test works with: ids unique, looked up by id. */
export interface Registry {
  readonly models: readonly ModelEntry[];
  get(id: string): ModelEntry | undefined;
  /** The models of one family, in registry order. */
  family<F extends ModelFamily>(family: F): readonly Extract<ModelEntry, { family: F }>[];
}

export function makeRegistry(models: readonly ModelEntry[]): Registry {
  const byId = new Map<string, ModelEntry>();
  for (const m of models) {
    if (byId.has(m.id)) throw new Error(`two models have the id "${m.id}"`);
    byId.set(m.id, m);
  }
  return {
    models,
    get: (id) => byId.get(id),
    family: <F extends ModelFamily>(family: F) =>
      models.filter((m): m is Extract<ModelEntry, { family: F }> => m.family === family),
  };
}

/** The app's models. */
export const REGISTRY: Registry = makeRegistry(MODELS);

/**
 * A model's config from raw values (a link, a form, a file): defaults for what is missing, invalid values
 * reported and replaced, out-of-range numbers clamped. The only way a config reaches `entry.build`.
 */
export function resolveModelConfig(
  entry: ModelEntry,
  raw: Readonly<Record<string, unknown>> = {},
): { config: ConfigOf<ParamSchema>; warnings: string[] } {
  return resolveConfig(entry.configSchema, raw);
}

/** The `family` model with this id, or an error that names the ones there are. */
export function requireModel<F extends ModelFamily>(
  id: string,
  family: F,
  registry: Registry = REGISTRY,
): Extract<ModelEntry, { family: F }> {
  const found = registry.family(family).find((m) => m.id === id);
  if (!found) {
    const ids = registry.family(family).map((m) => m.id);
    throw new Error(`"${id}" is not a ${family} model (${family} models: ${ids.join(', ')})`);
  }
  return found;
}
