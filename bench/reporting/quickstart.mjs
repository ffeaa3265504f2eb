// The quick-start section (`npm run bench -- --entry quickstart`): each model trained on the demo data as the
// page trains it, with the settings a fresh page starts on, over seeds: wall time to the result and the best
// validation figure, per model and as the mean over seeds; the seed models beside their baselines.
import { fmt } from './markdown.mjs';
import { latest } from './rows.mjs';
import { meanSd } from './stats.mjs';

/** A seed model and the baseline it should beat where the demo plants what it models. */
const PAIRS = [
  ['amfr', 'dnn'],
  ['mmdin', 'din'],
  ['tmfun', 'lightgcn'],
];

/**
 * A model's runs on its own quick start, the latest per seed: the rows the bench marked `quick_start`, or for
 * a model measured before rows were marked, its latest run per seed whatever the settings.
 */
export function quickRuns(runs, model) {
  const own = runs.filter((r) => r.model === model);
  const marked = own.filter((r) => r.quick_start === true);
  return new Map((marked.length ? marked : own).map((r) => [r.seed, r]));
}

export function writeQuickstart({ md }, rows) {
  const runs = latest(
    rows,
    (r) => r.protocol === 'quickstart',
    (r) => `${r.model}/${r.seed}/${JSON.stringify(r.train)}`,
  );
  if (!runs.length) return;
  md('## Quick start on the demo (`npm run bench -- --entry quickstart`)');
  md();
  md(
    'Each model trained on the default demo (2,000 users, 3,000 items) through the worker API, as the page ' +
      'trains it, with the given training settings over the model defaults. Seconds are wall time from Train ' +
      'to the result (graphs and evaluation included); validation is the best epoch’s (AUC for ctr, ' +
      'Recall@20 for top-k); test is reported, never used to choose.',
  );
  md();
  md('| model | training settings | seeds | seconds | epochs run | best valid (mean ± sd) | test (mean) |');
  md('|---|---|---|---|---|---|---|');
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.model} ${JSON.stringify(r.train)}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const r0 = group[0];
    const valid = meanSd(group.map((r) => r.valid));
    const test = meanSd(group.map((r) => Object.values(r.test ?? {})[0]));
    const secs = group.map((r) => r.seconds);
    md(
      `| ${r0.model} | \`${JSON.stringify(r0.train)}\` | ${group.map((r) => r.seed).join(', ')} | ` +
        `${Math.round(Math.min(...secs))}–${Math.round(Math.max(...secs))} | ` +
        `${group.map((r) => r.epochs_run).join(', ')} | ${fmt(valid.mean)} ± ${fmt(valid.sd)} ${r0.valid_metric} | ` +
        `${fmt(test.mean)} |`,
    );
  }
  md();
  md('Seed models against their baselines, paired by seed (validation only):');
  md();
  md('| seed model − baseline | per seed | mean |');
  md('|---|---|---|');
  for (const [model, base] of PAIRS) {
    const m = quickRuns(runs, model);
    const b = quickRuns(runs, base);
    const diffs = [...m.entries()]
      .map(([seed, r]) => (b.has(seed) ? r.valid - b.get(seed).valid : null))
      .filter((d) => d !== null);
    if (!diffs.length) continue;
    const sign = (d) => (d >= 0 ? '+' : '') + d.toFixed(4);
    md(
      `| ${model} − ${base} | ${diffs.map(sign).join(', ')} | ${sign(diffs.reduce((a, b) => a + b, 0) / diffs.length)} |`,
    );
  }
  md();
}
