/**
 * Does auto pick the fastest backend? (issue 21). For each model, on the default demo with the page's quick
 * start: the worker's speed probe runs as the page's "auto" runs it (a few steps per backend), then each
 * backend is timed again for longer (`--check-ms` per backend, after a warm-up), and the row says whether the
 * probe's pick is the backend the longer timing found fastest. Node offers wasm and cpu (the app leaves cpu
 * out of its probe; here it is the other candidate). One JSON line per model, appended to
 * `bench/results/<date>-<host>-probe.jsonl` (or `--out`).
 *
 *   npm run bench -- --entry probe --models autoint,amfr,din,mmdin,lightgcn,tmfun [--check-ms 4000]
 */
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '../src/engine/backends';
import type { BackendInfo } from '../src/engine/backendInfo';
import { quickTrainDefaults } from '../src/engine/train/config';
import { createWorkerApi } from '../src/engine/worker/api';
import { memoryMemo } from '../src/engine/worker/probeMemo';
import { timeRunSteps } from '../src/engine/worker/speedProbe';
import { generateDemo } from '../src/data/demo';
import { REGISTRY } from '../src/models/registry';
import type { TrainRequest } from '../src/engine/protocol';
import { ctrData } from './datasets';
import { appendResultRow, resultsFile } from './resultsFile';
import { wasmPaths } from './wasmPaths';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'autoint,amfr,din,mmdin,lightgcn,tmfun' },
    'check-ms': { type: 'string', default: '4000' },
    out: { type: 'string' },
  },
});

const paths = wasmPaths();
const out = resultsFile(args.out?.length ? args.out : resultsFile().replace(/\.jsonl$/, '-probe.jsonl'));
const checkMs = Number(args['check-ms']);
const dataset = generateDemo();
const data = ctrData(dataset);

/** The probe, as the page's auto runs it: the run stops as soon as the backend is reported. */
async function probeOnce(
  modelId: string,
  request: TrainRequest,
): Promise<{ info: BackendInfo; seconds: number }> {
  const api = createWorkerApi({ wasmPaths: paths, probeCpu: true, probeMemo: memoryMemo() });
  await api.loadDemo({});
  const t0 = performance.now();
  let info: BackendInfo | null = null;
  await api.train(request, (e) => {
    if (e.type !== 'backend') return;
    info = e.info;
    api.stop(request.runId);
  });
  if (!info) throw new Error(`${modelId}: the run reported no backend`);
  // Seconds from Train to the backend event: candidates started and self-checked, models built, steps timed.
  return { info, seconds: (performance.now() - t0) / 1000 };
}

/** A longer timing of the same model and batch on `name`. */
async function check(name: BackendName, request: TrainRequest): Promise<number> {
  await initBackend(name, paths);
  const budget = { warmup: 3, minSteps: 8, maxSteps: 100_000, budgetMs: checkMs };
  return (await timeRunSteps(REGISTRY.get(request.modelId)!, data, request, budget)).perSec;
}

for (const modelId of args.models.split(',').filter(Boolean)) {
  const entry = REGISTRY.get(modelId);
  if (!entry) throw new Error(`unknown model ${modelId}`);
  const request: TrainRequest = {
    runId: 1,
    modelId,
    modelConfig: {},
    trainConfig: quickTrainDefaults(entry),
    backend: 'auto',
  };
  const { info, seconds: probeSeconds } = await probeOnce(modelId, request);
  const probe = info.probe;
  if (!probe) throw new Error(`${modelId}: auto had one candidate (${info.name}); nothing was probed`);
  const checked: Record<string, number> = {};
  for (const s of probe.speeds) checked[s.name] = await check(s.name, request);
  const fastest = Object.entries(checked).sort((a, b) => b[1] - a[1])[0][0];
  appendResultRow(out, {
    protocol: 'probe',
    model: modelId,
    dataset: dataset.name,
    unit: probe.unit,
    pick: info.name,
    probe: Object.fromEntries(probe.speeds.map((s) => [s.name, s.perSec])),
    probe_steps: Object.fromEntries(probe.speeds.map((s) => [s.name, s.steps])),
    probe_seconds: probeSeconds,
    check: checked,
    check_ms: checkMs,
    fastest,
    pick_is_fastest: info.name === fastest,
  });
}
