import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import * as selfCheck from '../selfCheck';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { chronologicalSplit } from '../../data/split';
import { REGISTRY } from '../../models/registry';
import type { BackendInfo } from '../backendInfo';
import type { TrainEvent, TrainRequest } from '../protocol';
import { createWorkerApi } from './api';
import { memoryMemo, probeMemo, type ProbeMemo, type ProbeRecord } from './probeMemo';
import { fastest, probeKey } from './speedProbe';

// The real self-check, counted: a run on auto must not start and check a backend the start already checked.
vi.mock('../selfCheck', async (original) => {
  const actual = await original<typeof import('../selfCheck')>();
  return { ...actual, runSelfCheck: vi.fn(actual.runSelfCheck) };
});

const budget = { warmup: 1, minSteps: 2, maxSteps: 4, budgetMs: 0 };
const request = (runId: number, backend: TrainRequest['backend'] = 'auto'): TrainRequest => ({
  runId,
  modelId: 'dnn',
  modelConfig: { embeddingDim: 4, hiddenUnits: [8] },
  trainConfig: { epochs: 1, batchSize: 64 },
  backend,
});

/** A memo that counts its reads and writes. */
function countingMemo(): ProbeMemo & { gets: number; sets: number } {
  const inner = memoryMemo();
  const m = {
    gets: 0,
    sets: 0,
    get: (k: string) => (m.gets++, inner.get(k)),
    set: (k: string, r: ProbeRecord) => (m.sets++, inner.set(k, r)),
  };
  return m;
}

async function trainAndSee(api: ReturnType<typeof createWorkerApi>, req: TrainRequest) {
  const events: TrainEvent[] = [];
  const outcome = await api.train(req, (e) => events.push(e));
  expect(outcome.type).toBe('done');
  const backend = events.find((e) => e.type === 'backend');
  return { info: (backend as { info: BackendInfo }).info, events };
}

describe('auto’s speed probe (wasm and cpu in Node)', () => {
  it('times each backend, trains on the fastest, shows every figure, and remembers the pick', async () => {
    const memo = countingMemo();
    const api = createWorkerApi({ probeCpu: true, probeMemo: memo, probeBudget: budget });
    await api.loadDemo({ users: 120, items: 150 });
    await api.train({ ...request(0, 'wasm'), modelId: 'pop' }, () => {});
    const tensors = tf.memory().numTensors;

    const first = await trainAndSee(api, request(1));
    const probe = first.info.probe!;
    expect(probe.remembered).toBe(false);
    expect(probe.unit).toBe('rows');
    expect(probe.speeds.map((s) => s.name).sort()).toEqual(['cpu', 'wasm']);
    expect(probe.speeds.every((s) => s.perSec !== null && s.perSec > 0 && s.steps >= 2)).toBe(true);
    // Fastest first, and the run trains on it.
    expect(probe.speeds[0].perSec!).toBeGreaterThanOrEqual(probe.speeds[1].perSec!);
    expect(first.info.name).toBe(probe.speeds[0].name);
    expect(tf.getBackend()).toBe(first.info.name);
    expect(first.info.reason).toMatch(/fastest for this model and batch \(measured just now\)/);
    expect(first.events.filter((e) => e.type === 'build').map((e) => e.type === 'build' && e.unit)).toEqual([
      'backends',
      'backends',
    ]);
    expect(memo.sets).toBe(1);

    // The same model and batch again: the remembered figures, no steps timed.
    const second = await trainAndSee(api, request(2));
    expect(second.info.name).toBe(first.info.name);
    expect(second.info.probe).toEqual({ ...probe, remembered: true });
    expect(second.events.some((e) => e.type === 'build')).toBe(false);
    expect(memo.sets).toBe(1);

    // Another batch size is another question.
    const third = await trainAndSee(api, { ...request(3), trainConfig: { epochs: 1, batchSize: 32 } });
    expect(third.info.probe?.remembered).toBe(false);
    expect(memo.sets).toBe(2);
    // The probes' throwaway models are gone; only the last run's trained model remains.
    await api.train({ ...request(4), modelId: 'pop' }, () => {});
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('does not probe for a model computed at build (no training steps to time)', async () => {
    const memo = countingMemo();
    const api = createWorkerApi({ probeCpu: true, probeMemo: memo, probeBudget: budget });
    await api.loadDemo({ users: 120, items: 150 });
    for (const [runId, modelId] of [
      [1, 'ease'],
      [2, 'itemknn'],
    ] as const) {
      const { info, events } = await trainAndSee(api, { ...request(runId), modelId });
      expect(info.probe, modelId).toBeUndefined();
      expect(events.some((e) => e.type === 'build' && e.unit === 'backends')).toBe(false);
    }
    expect(memo.gets + memo.sets).toBe(0);
  });

  it('never probes nor overrides a backend the user names', async () => {
    const memo = countingMemo();
    const api = createWorkerApi({ probeCpu: true, probeMemo: memo, probeBudget: budget });
    await api.loadDemo({ users: 120, items: 150 });
    const { info, events } = await trainAndSee(api, request(1, 'cpu'));
    expect(info.name).toBe('cpu');
    expect(info.probe).toBeUndefined();
    expect(events.some((e) => e.type === 'build')).toBe(false);
    expect(memo.gets + memo.sets).toBe(0);
  });

  it('measures nothing when only one backend could train (the app here: wasm; cpu left out)', async () => {
    const memo = countingMemo();
    const api = createWorkerApi({ probeMemo: memo, probeBudget: budget });
    await api.loadDemo({ users: 120, items: 150 });
    const atLoad = await api.initBackend('auto'); // what the page does when it opens
    const checks = vi.mocked(selfCheck.runSelfCheck).mock.calls.length;
    const { info } = await trainAndSee(api, request(1));
    expect(vi.mocked(selfCheck.runSelfCheck).mock.calls.length).toBe(checks);
    expect(info.name).toBe('wasm');
    expect(info.probe).toBeUndefined();
    expect(memo.gets).toBe(0);
    // The start's own report, self-check timing included: no backend was started and checked again.
    expect(info).toEqual(atLoad);
  });
});

describe('probeKey', () => {
  const dataset = generateDemo({ users: 60, items: 80 });
  const data = { dataset, encoding: encodeCtr(dataset), split: chronologicalSplit(dataset.interactions) };
  const dnn = REGISTRY.get('dnn')!;
  const devices = [
    { name: 'webgpu' as const, device: 'NVIDIA H100' },
    { name: 'wasm' as const, device: 'WebAssembly SIMD' },
  ];
  const key = (over: Partial<TrainRequest> = {}, d = devices) =>
    probeKey(dnn, data, { modelConfig: {}, trainConfig: {}, ...over }, d);

  it('is the same for the same device, model, settings and data, and differs when any of them does', () => {
    expect(key()).toBe(key({ trainConfig: { epochs: 7 } })); // epochs do not change a step
    expect(key({ modelConfig: { embeddingDim: 8 } })).not.toBe(key());
    expect(key({ trainConfig: { batchSize: 1024 } })).not.toBe(key());
    expect(key({}, [devices[1]])).not.toBe(key());
    expect(probeKey(REGISTRY.get('autoint')!, data, { modelConfig: {}, trainConfig: {} }, devices)).not.toBe(
      key(),
    );
    const other = generateDemo({ users: 61, items: 80 });
    const otherData = {
      dataset: other,
      encoding: encodeCtr(other),
      split: chronologicalSplit(other.interactions),
    };
    expect(probeKey(dnn, otherData, { modelConfig: {}, trainConfig: {} }, devices)).not.toBe(key());
  });
});

describe('fastest', () => {
  it('takes the highest figure and passes over failures', () => {
    const s = (name: 'wasm' | 'webgl' | 'webgpu', perSec: number | null) => ({
      name,
      device: '',
      perSec,
      steps: 1,
    });
    expect(fastest([s('webgpu', null), s('wasm', 10), s('webgl', 30)])?.name).toBe('webgl');
    expect(fastest([s('webgpu', null)])).toBeNull();
  });
});

describe('probeMemo', () => {
  const record: ProbeRecord = {
    pick: 'wasm',
    report: { unit: 'rows', speeds: [], measuredAt: 1, remembered: false },
  };

  it('keeps records in IndexedDB across instances (a new worker on the same device)', async () => {
    const factory = new IDBFactory();
    await probeMemo(factory).set('k', record);
    expect(await probeMemo(factory).get('k')).toEqual(record);
    expect(await probeMemo(factory).get('other')).toBeUndefined();
  });

  it('falls back to memory when IndexedDB cannot open', async () => {
    const broken = {
      open: () => {
        throw new DOMException('no storage', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const memo = probeMemo(broken);
    await memo.set('k', record);
    expect(await memo.get('k')).toEqual(record);
    expect(await probeMemo(undefined).get('k')).toBeUndefined();
  });
});
