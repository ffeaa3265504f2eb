/**
 * Planted vs learned as the page computes it (issue 22): each model trained with its quick start on the
 * default demo through the worker API, then its `plantedVsLearned` answer (every agreement with its chance
 * level and verdict) and how long that answer took.
 *
 *   npm run bench -- --entry planted --models amfr,din,mmdin,tmfun --seed 42,7
 *
 * One JSON line per run, appended to `bench/results/<date>-<host>-planted.jsonl` (or `--out`).
 */
import { parseArgs } from 'node:util';
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
  },
});
const out = args.out ?? resultsFile().replace(/\.jsonl$/, '-planted.jsonl');

const s = createWorkerApi({ wasmPaths: wasmPaths() });
const loaded = await s.loadDemo({});
if (loaded.type !== 'ok') throw new Error(JSON.stringify(loaded));
let runId = 0;
for (const seed of args.seed!.split(',').map(Number)) {
  for (const modelId of args.models!.split(',')) {
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
    if (p.type !== 'ok') throw new Error(`${modelId}: ${JSON.stringify(p)}`);
    const row = {
      protocol: 'planted',
      model: modelId,
      seed,
      train_seconds: Number(((t1 - t0) / 1000).toFixed(1)),
      planted_seconds: Number(((performance.now() - t1) / 1000).toFixed(2)),
      signals: p.payload.signals.map((x) => ({
        id: x.id,
        shown: x.shown,
        value: Number(x.value.toFixed(4)),
        chance: Number(x.chance.toFixed(4)),
        verdict: x.verdict,
        ...(x.heads ? { heads: x.heads.map((h) => Number(h.toFixed(4))) } : {}),
      })),
    };
    appendResultRow(out, row);
    console.log(
      `${modelId} seed ${seed} (${row.train_seconds} s, answer ${row.planted_seconds} s): ` +
        row.signals.map((x) => `${x.id} ${x.shown} vs chance ${x.chance} → ${x.verdict}`).join('; '),
    );
  }
}
console.log(`appended to ${out}`);
