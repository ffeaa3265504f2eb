/**
 * Planted vs learned as the page computes it (issue 22): each model trained with its quick start on the
 * default demo through the worker API, then its `plantedVsLearned` answer (every agreement with its chance
 * level and verdict) and how long that answer took.
 *
 *   npm run bench -- --entry planted --models amfr,din,mmdin,tmfun --seed 42,7
 *   npm run bench -- --entry planted --models pop,dnn --knobs '{"popularity":0}'   (a knob over the preset)
 *   npm run bench -- --entry planted --models tmfun --preset visual,noise   (the data wizard's presets, issue 23;
 *     "default" is the demo as it is; `--preset` alone runs each preset's own model)
 *
 * One JSON line per run, appended to `bench/results/<date>-<host>-planted.jsonl` (or `--out`).
 */
import { parseArgs } from 'node:util';
import { DEMO_PRESETS, presetOptions } from '../src/data/demo/presets';
import { quickTrainDefaults } from '../src/engine/train/config';
import { createWorkerApi } from '../src/engine/worker/api';
import { REGISTRY } from '../src/models/registry';
import { appendResultRow, resultsFile } from './resultsFile';
import { wasmPaths } from './wasmPaths';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'amfr,din,mmdin,tmfun' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    preset: { type: 'string', default: 'default' },
    own: { type: 'boolean', default: false },
    // Knobs over the preset's (JSON), e.g. '{"popularity":0}': the generator with one signal off, a control.
    knobs: { type: 'string', default: '{}' },
  },
});
const extraKnobs = JSON.parse(args.knobs!) as Record<string, unknown>;
const out = args.out ?? resultsFile().replace(/\.jsonl$/, '-planted.jsonl');

const s = createWorkerApi({ wasmPaths: wasmPaths() });
let runId = 0;
for (const presetId of args.preset!.split(',')) {
  const preset = DEMO_PRESETS.find((p) => p.id === presetId);
  if (!preset && presetId !== 'default') throw new Error(`unknown preset ${presetId}`);
  const loaded = await s.loadDemo({ ...(preset ? presetOptions(preset) : {}), ...extraKnobs });
  if (loaded.type !== 'ok') throw new Error(JSON.stringify(loaded));
  // --own: each preset's showcased model instead of --models.
  const models = args.own && preset ? [preset.model] : args.models!.split(',');
  for (const seed of args.seed!.split(',').map(Number)) {
    for (const modelId of models) {
      const spec = REGISTRY.get(modelId);
      if (!spec) throw new Error(`unknown model ${modelId}`);
      const trainConfig = { ...quickTrainDefaults(spec), seed };
      const t0 = performance.now();
      const done = await s.train(
        { runId: ++runId, modelId, modelConfig: {}, trainConfig, backend: 'wasm' },
        () => {},
      );
      if (done.type !== 'done') throw new Error(`${modelId}: ${done.type}`);
      const t1 = performance.now();
      const p = await s.plantedVsLearned({ runId });
      const row = {
        protocol: 'planted',
        model: modelId,
        seed,
        ...(preset ? { preset: preset.id, knobs: { ...preset.knobs, ...extraKnobs } } : {}),
        ...(!preset && Object.keys(extraKnobs).length ? { knobs: extraKnobs } : {}),
        train_seconds: Number(((t1 - t0) / 1000).toFixed(1)),
        planted_seconds: Number(((performance.now() - t1) / 1000).toFixed(2)),
        signals:
          p.type === 'ok'
            ? p.payload.signals.map((x) => ({
                id: x.id,
                shown: x.shown,
                value: Number(x.value.toFixed(4)),
                chance: Number(x.chance.toFixed(4)),
                verdict: x.verdict,
                ...(x.heads ? { heads: x.heads.map((h) => Number(h.toFixed(4))) } : {}),
              }))
            : [],
        ...(p.type === 'ok' ? {} : { unavailable: p.type === 'unavailable' ? p.reason : p.type }),
      };
      appendResultRow(out, row);
      console.log(
        `${presetId} ${modelId} seed ${seed} (${row.train_seconds} s, answer ${row.planted_seconds} s): ` +
          (row.signals.map((x) => `${x.id} ${x.shown} vs chance ${x.chance} → ${x.verdict}`).join('; ') ||
            String(row.unavailable)),
      );
    }
  }
}
console.log(`appended to ${out}`);
