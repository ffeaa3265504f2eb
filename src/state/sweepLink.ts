/**
 * A sweep as a share link and an exported file carry it: its space, search, seed, budget and metric, and once
 * it has ended a summary (trials, how many were ok, the pick's settings and validation metric). Versioned on
 * its own (`v`), under the experiment link's optional `sw` key, so links without it open as before. Pure
 * parse (never throws: an unreadable sweep is dropped with a message) and pure serialize.
 */
import * as z from 'zod/mini';
import { trainSchemaOf } from '../engine/train/config';
import { SEARCH_KINDS, type SweepSpec } from '../engine/sweep/samplers';
import { parseSpace, type SpaceSchemas, type SweepValues } from '../engine/sweep/space';
import { smallerIsBetter } from '../engine/sweep/runner';
import { REGISTRY, type Registry } from '../models/registry';

export const SWEEP_LINK_VERSION = 1;

export interface SweepSummary {
  readonly trials: number;
  readonly ok: number;
  readonly end: 'done' | 'budget' | 'stopped';
  /** The pick on validation (null when no trial was ok). */
  readonly best: { readonly values: SweepValues; readonly valid: number } | null;
}

export interface SweepLink {
  readonly spec: SweepSpec;
  readonly summary: SweepSummary | null;
}

export const MAX_SWEEP_TRIALS = 500;
export const MAX_SWEEP_EPOCHS = 200;

const int = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));
const value = z.union([z.number(), z.string().check(z.maxLength(64)), z.boolean()]);
const values = z.record(z.string().check(z.maxLength(80)), value);
const wire = z.object({
  v: z.number(),
  space: z.unknown(),
  search: z.enum(SEARCH_KINDS as ['grid', 'random', 'halving', 'tpe']),
  seed: z.string().check(z.maxLength(64)),
  budget: z.object({
    trials: int(1, MAX_SWEEP_TRIALS),
    epochs: int(1, MAX_SWEEP_EPOCHS),
    minutes: z.number().check(z.gte(0), z.lte(24 * 60)),
  }),
  eta: z.optional(int(2, 4)),
  metric: z.string().check(z.maxLength(32)),
  summary: z.optional(
    z.object({
      trials: int(0, MAX_SWEEP_TRIALS),
      ok: int(0, MAX_SWEEP_TRIALS),
      end: z.enum(['done', 'budget', 'stopped']),
      best: z.nullable(z.object({ values, valid: z.number() })),
    }),
  ),
});

export function schemasOf(registry: Registry = REGISTRY) {
  return (modelId: string): SpaceSchemas | undefined => {
    const m = registry.get(modelId);
    return m ? { model: m.configSchema, train: trainSchemaOf(m.family) } : undefined;
  };
}

/** The wire object of a sweep (plain JSON). */
export function sweepToWire(s: SweepLink): Record<string, unknown> {
  const { space, search, seed, budget, eta, metric } = s.spec;
  return {
    v: SWEEP_LINK_VERSION,
    space,
    search,
    seed,
    budget,
    ...(eta !== undefined ? { eta } : {}),
    metric,
    ...(s.summary ? { summary: s.summary } : {}),
  };
}

/** Reads a sweep (from a link or a file); null with a message when nothing usable is in it. */
export function sweepFromWire(
  raw: unknown,
  registry: Registry = REGISTRY,
): { sweep: SweepLink | null; warnings: string[] } {
  const r = wire.safeParse(raw);
  if (!r.success) {
    const why = z.prettifyError(r.error).replace(/\n/g, ' ');
    return { sweep: null, warnings: [`sweep: ${why}; the sweep is left out`] };
  }
  const warnings: string[] = [];
  if (r.data.v !== SWEEP_LINK_VERSION)
    warnings.push(`sweep: format ${r.data.v} is not this version's (${SWEEP_LINK_VERSION}); read as it`);
  const space = parseSpace(r.data.space, schemasOf(registry));
  warnings.push(...space.problems.map((p) => `sweep ${p}`));
  if (!space.space) return { sweep: null, warnings: [...warnings, 'sweep: no space in it; left out'] };
  const { search, seed, budget, eta, metric, summary } = r.data;
  const spec: SweepSpec = {
    space: space.space,
    search,
    seed,
    budget,
    ...(eta !== undefined ? { eta } : {}),
    metric,
    smallerIsBetter: smallerIsBetter(metric),
  };
  return { sweep: { spec, summary: summary ?? null }, warnings };
}
