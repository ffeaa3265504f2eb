/**
 * The experiment a share link carries: dataset source, label rule, split, model and its config, training
 * settings, backend and the selected view. One versioned schema with a pure `parseExperiment` (never throws:
 * every invalid field falls back to its default with a message) and a pure `serializeExperiment`.
 */
import * as z from 'zod/mini';
import { DEMO_DEFAULTS, DEMO_TOPICS, demoKnobs } from '../data/demo';
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import { BACKENDS, type BackendChoice } from '../engine/backendInfo';
import { DEFAULT_SPLIT_CONFIG, type DataSourceRef } from '../engine/importProtocol';
import { protocolTrainDefaults, quickTrainDefaults, trainSchemaOf } from '../engine/train/config';
import { defaults, resolveConfig, type ParamSchema } from '../models/config';
import { REGISTRY, type Registry } from '../models/registry';
import { sweepFromWire, sweepToWire, type SweepLink } from './sweepLink';

/**
 * 3: tmfun's edge pruning is on by default (`edgeDropout` 0.5, was 0); an older link that leaves it out
 * meant 0 and is read so (`CHANGED_MODEL_DEFAULTS`).
 * 2: training settings are written against the page's starting settings (`quickTrainDefaults`); a version 1
 * link wrote them against the protocol's (the schema defaults), and is still read that way.
 */
export const EXPERIMENT_VERSION = 3;
/** Versions this app reads as they were meant. */
const KNOWN_VERSIONS = new Set([1, 2, 3]);

/**
 * Model defaults that changed: a link older than `since` wrote its model settings against `before`, so a
 * setting it leaves out means that value (a link carries only what differs from the defaults of its day).
 */
const CHANGED_MODEL_DEFAULTS: readonly {
  readonly since: number;
  readonly modelId: string;
  readonly before: Readonly<Record<string, unknown>>;
}[] = [{ since: 3, modelId: 'tmfun', before: { edgeDropout: 0 } }];

/** What a link of `version` meant by leaving a model setting out, where that is not today's default. */
function modelDefaultsOfVersion(modelId: string, version: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of CHANGED_MODEL_DEFAULTS)
    if (c.modelId === modelId && version < c.since) Object.assign(out, c.before);
  return out;
}

/** An uploaded dataset is identified by name and content hash: a link cannot carry the data itself. */
export type DataSource = DataSourceRef;

export interface Experiment {
  readonly data: DataSource;
  readonly label: LabelRule | null;
  readonly split: SplitConfig;
  /** A ctr or a top-k model. */
  readonly modelId: string;
  /** Full resolved config of the model (every key present). */
  readonly model: Readonly<Record<string, unknown>>;
  /** Training settings of the model's family (`TRAIN_SCHEMA` or `TOPK_TRAIN_SCHEMA`). */
  readonly train: Readonly<Record<string, unknown>>;
  readonly backend: BackendChoice;
  /** The Explain tab ('curves' when none was chosen): a `ViewId` of src/ui/views/capabilities.ts. */
  readonly view: string;
  /** The example the views show, as dense user / item indices of the dataset (null: the view's own pick). */
  readonly selection: ExampleSelection;
  /** A hyperparameter sweep over the model (sweepLink.ts; the link's `sw`, versioned on its own). */
  readonly sweep?: SweepLink;
}

export interface ExampleSelection {
  readonly user: number | null;
  readonly item: number | null;
}

export function defaultExperiment(registry: Registry = REGISTRY): Experiment {
  const first = registry.models[0];
  return {
    data: { kind: 'demo', seed: DEMO_DEFAULTS.seed, users: DEMO_DEFAULTS.users, items: DEMO_DEFAULTS.items },
    label: null,
    split: DEFAULT_SPLIT_CONFIG,
    modelId: first.id,
    model: defaults(first.configSchema),
    train: quickTrainDefaults(first),
    backend: 'auto',
    view: 'curves',
    selection: { user: null, item: null },
  };
}

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const num = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
/** The data wizard's knobs (issue 23), each optional: a link writes only those off their defaults. */
const demoKnobsSchema = z.object({
  interactionsPerUser: z.optional(int(5, 200)),
  ageTopic: z.optional(num(0, 3)),
  visual: z.optional(num(0, 3)),
  visualTopics: z.optional(z.array(z.enum(DEMO_TOPICS as [string, ...string[]])).check(z.maxLength(12))),
  text: z.optional(num(0, 3)),
  acoustic: z.optional(num(0, 3)),
  recency: z.optional(num(0, 3)),
  popularity: z.optional(num(0, 2)),
  labelNoise: z.optional(num(0, 0.5)),
  coldItems: z.optional(num(0, 0.5)),
});
const demoSource = z.object({
  kind: z.literal('demo'),
  seed: int(0, 2 ** 31 - 1),
  users: int(50, 20000),
  items: int(50, 50000),
  knobs: z.optional(demoKnobsSchema),
});

/** A demo source as the worker writes it: knobs at their defaults left out, topics in one order. */
function canonicalData(d: DataSource): DataSource {
  if (d.kind !== 'demo') return d;
  const { knobs: raw, ...rest } = d;
  const knobs = raw && demoKnobs(raw);
  return knobs ? { ...rest, knobs } : rest;
}
const uploadSource = z.object({
  kind: z.literal('upload'),
  name: z.string().check(z.maxLength(200)),
  hash: z.string().check(z.regex(/^[0-9a-f]{16,64}$/)),
});
const labelRule = z.union([
  z.object({ kind: z.literal('threshold'), threshold: z.number().check(z.gte(-1e9), z.lte(1e9)) }),
  z.object({ kind: z.literal('column') }),
  z.object({ kind: z.literal('implicit'), ratio: int(1, 50), seed: int(0, 2 ** 31 - 1) }),
]);
const splitConfig = z.object({
  method: z.enum(['chronological', 'leaveLastOut', 'random']),
  ratios: z.optional(
    z.tuple([
      z.number().check(z.gt(0), z.lte(100)),
      z.number().check(z.gte(0), z.lte(100)),
      z.number().check(z.gte(0), z.lte(100)),
    ]),
  ),
  seed: z.optional(int(0, 2 ** 31 - 1)),
  minInteractions: z.optional(int(0, 1000)),
  fewInteractions: z.optional(z.enum(['drop', 'trainOnly'])),
});
const settings = z.record(z.string().check(z.maxLength(64)), z.unknown());
const VIEWS = [
  'curves',
  'heads',
  'behaviour',
  'sequence',
  'graph',
  'embedding',
  'recommend',
  'planted',
  'runs',
] as const;
/** Names links used before the views were named as the tabs are. */
const OLD_VIEW_NAMES: Record<string, string> = {
  attention: 'heads',
  embeddings: 'embedding',
  recommendations: 'recommend',
};
const index = z.nullable(int(0, 10_000_000));
const selectionWire = z.tuple([index, index]);

/** The wire form: only what differs from the defaults, short keys. */
interface Wire {
  v: number;
  d?: unknown;
  l?: unknown;
  s?: unknown;
  m?: unknown;
  mc?: unknown;
  t?: unknown;
  b?: unknown;
  w?: unknown;
  /** [user, item] of the selection. */
  x?: unknown;
  /** The sweep (absent in links without one). */
  sw?: unknown;
}

function diff(values: Readonly<Record<string, unknown>>, base: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (JSON.stringify(v) !== JSON.stringify(base[k])) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/** The wire object of an experiment (plain JSON, defaults left out). */
export function toWire(e: Experiment, registry: Registry = REGISTRY): Wire {
  const def = defaultExperiment(registry);
  const info = registry.get(e.modelId);
  return {
    v: EXPERIMENT_VERSION,
    d: JSON.stringify(e.data) === JSON.stringify(def.data) ? undefined : e.data,
    l: e.label ?? undefined,
    s: JSON.stringify(e.split) === JSON.stringify(def.split) ? undefined : e.split,
    m: e.modelId === def.modelId ? undefined : e.modelId,
    mc: info ? diff(e.model, defaults(info.configSchema)) : undefined,
    // Against the model's starting settings: a link carries only what differs from its quick start.
    t: diff(e.train, info ? quickTrainDefaults(info) : def.train),
    b: e.backend === def.backend ? undefined : e.backend,
    w: e.view === def.view ? undefined : e.view,
    x:
      e.selection.user === null && e.selection.item === null
        ? undefined
        : [e.selection.user, e.selection.item],
    sw: e.sweep ? sweepToWire(e.sweep) : undefined,
  };
}

/** Settings from a link over `base` (the values a link leaves out); each invalid one falls back with a warning. */
function resolveSettings(
  schema: ParamSchema,
  raw: unknown,
  what: string,
  warnings: string[],
  base: Readonly<Record<string, unknown>> = {},
) {
  const parsed = settings.safeParse(raw ?? {});
  if (!parsed.success) warnings.push(`${what}: not a list of settings; using the defaults`);
  const r = resolveConfig(schema, { ...base, ...(parsed.success ? parsed.data : {}) });
  warnings.push(...r.warnings.map((w) => `${what} ${w}`));
  return r.config as Readonly<Record<string, unknown>>;
}

/**
 * Reads a wire object. Never throws: each field that is missing, of the wrong type or out of range falls
 * back to its default, and the returned warnings say which and why.
 */
export function fromWire(
  raw: unknown,
  registry: Registry = REGISTRY,
): { experiment: Experiment; warnings: string[] } {
  const def = defaultExperiment(registry);
  const warnings: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { experiment: def, warnings: ['The link holds no experiment; showing the defaults.'] };
  }
  const w = { ...(raw as Record<string, unknown>) }; // a copy: old view names are rewritten below
  // An unknown version is read as this one (the warning says so).
  const version = typeof w.v === 'number' && KNOWN_VERSIONS.has(w.v) ? w.v : EXPERIMENT_VERSION;
  if (version !== w.v) {
    warnings.push(
      typeof w.v === 'number' && w.v > EXPERIMENT_VERSION
        ? `The link was made by a newer version (format ${w.v}); settings this version understands are kept.`
        : `The link has no known format version (${JSON.stringify(w.v)}); settings are read as version ${EXPERIMENT_VERSION}.`,
    );
  }
  const field = <T>(key: string, schema: z.ZodMiniType<T>, fallback: T, what: string): T => {
    if (w[key] === undefined) return fallback;
    const r = schema.safeParse(w[key]);
    if (r.success) return r.data;
    warnings.push(`${what}: ${z.prettifyError(r.error).replace(/\n/g, ' ')}; using the default`);
    return fallback;
  };
  const data = canonicalData(
    field<DataSource>('d', z.union([demoSource, uploadSource]), def.data, 'dataset'),
  );
  const label = field<LabelRule | null>('l', labelRule, null, 'label rule');
  const split = field<SplitConfig>('s', splitConfig, def.split, 'split');
  let modelId = def.modelId;
  if (w.m !== undefined) {
    if (typeof w.m === 'string' && registry.get(w.m)) modelId = w.m;
    else
      warnings.push(
        `model: ${JSON.stringify(w.m).slice(0, 40)} is not a model of this app; using ${def.modelId}`,
      );
  }
  const info = registry.get(modelId)!;
  const modelBase = modelDefaultsOfVersion(modelId, version);
  const model = resolveSettings(info.configSchema, w.mc, `model ${modelId}`, warnings, modelBase);
  // What a link leaves out of its training settings: the protocol's in version 1, the page's since.
  const trainBase = version === 1 ? protocolTrainDefaults(info.family) : quickTrainDefaults(info);
  const train = resolveSettings(trainSchemaOf(info.family), w.t, 'training', warnings, trainBase);
  const backend = field<BackendChoice>('b', z.enum(['auto', ...BACKENDS]), def.backend, 'backend');
  if (typeof w.w === 'string' && w.w in OLD_VIEW_NAMES) w.w = OLD_VIEW_NAMES[w.w];
  const view = field<string>('w', z.enum(VIEWS), def.view, 'view');
  const [user, item] = field<[number | null, number | null]>('x', selectionWire, [null, null], 'selection');
  const selection = { user, item };
  const sweep = w.sw === undefined ? null : sweepFromWire(w.sw, registry);
  if (sweep) warnings.push(...sweep.warnings);
  if (sweep?.sweep && sweep.sweep.spec.space.modelId !== modelId) {
    warnings.push(`sweep: it is over ${sweep.sweep.spec.space.modelId}, not ${modelId}; left out`);
  }
  const sw = sweep?.sweep?.spec.space.modelId === modelId ? { sweep: sweep.sweep } : {};
  return {
    experiment: { data, label, split, modelId, model, train, backend, view, selection, ...sw },
    warnings,
  };
}

/** True when nothing differs from the defaults: its link is the bare URL. */
export function isDefaultExperiment(e: Experiment, registry: Registry = REGISTRY): boolean {
  return Object.entries(toWire(e, registry)).every(([k, v]) => k === 'v' || v === undefined);
}

/** Bytes ↔ base64url, without padding (safe in a URL fragment). */
function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Longest fragment we read; anything longer is refused before decompressing. */
export const MAX_LINK_CHARS = 4000;
/** Decompressed JSON above this is refused (a tiny link must not expand into megabytes). */
const MAX_JSON_BYTES = 64 * 1024;

/** The URL fragment for an experiment: `#e3.<deflate-raw, base64url JSON>`. */
export async function serializeExperiment(e: Experiment, registry: Registry = REGISTRY): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(toWire(e, registry)));
  return `#e${EXPERIMENT_VERSION}.${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
}

/**
 * Reads a URL fragment (with or without `#`). Never throws; an empty fragment gives the defaults and no
 * warning, anything unreadable gives the defaults and a message.
 */
export async function parseExperiment(
  hash: string,
  registry: Registry = REGISTRY,
): Promise<{ experiment: Experiment; warnings: string[]; broken?: true }> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '') return { experiment: defaultExperiment(registry), warnings: [] };
  // `broken`: nothing of the link was usable, so the page must not act on it (no auto-training).
  const broken = (why: string) => ({
    experiment: defaultExperiment(registry),
    warnings: [`This link could not be read (${why}); showing the defaults.`],
    broken: true as const,
  });
  if (text.length > MAX_LINK_CHARS)
    return broken(`it is ${text.length} characters long; at most ${MAX_LINK_CHARS}`);
  const m = /^e(\d+)\.([A-Za-z0-9_-]+)$/.exec(text);
  if (!m) return broken('it is not an experiment link');
  let json: string;
  try {
    const bytes = await pipe(fromBase64Url(m[2]), new DecompressionStream('deflate-raw'));
    if (bytes.length > MAX_JSON_BYTES) return broken('its content is too large');
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return broken('it is truncated or damaged');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return broken('its content is not valid');
  }
  return fromWire(raw, registry);
}
