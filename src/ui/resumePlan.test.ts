import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import type { StoredRun } from '../state/store';
import { continueOffer, linkRun, nextBackend } from './resumePlan';

function run(id: number, overrides: Partial<StoredRun> = {}): StoredRun {
  return {
    id,
    modelId: 'dnn',
    modelConfig: {},
    trainConfig: { epochs: 4 },
    data: { kind: 'demo', seed: 42, users: 2000, items: 3000 },
    split: DEFAULT_SPLIT_CONFIG,
    label: null,
    backend: 'auto',
    backendUsed: 'wasm',
    status: 'interrupted',
    totalEpochs: 4,
    epochs: [],
    result: null,
    error: null,
    checkpointEpoch: 2,
    createdAt: id,
    updatedAt: id,
    ...overrides,
  };
}

describe('continue offer', () => {
  it('goes down the automatic order from a GPU backend and keeps wasm and cpu', () => {
    expect(nextBackend('webgpu')).toBe('webgl');
    expect(nextBackend('webgl')).toBe('wasm');
    expect(nextBackend('wasm')).toBe('wasm');
    expect(nextBackend('cpu')).toBe('cpu');
  });

  it('offers the newest unfinished run with a checkpoint and epochs left, never the one training here', () => {
    const runs = [
      run(1),
      run(2, { updatedAt: 10 }),
      run(3, { status: 'done', updatedAt: 20 }),
      run(4, { checkpointEpoch: null, updatedAt: 30 }),
      run(5, { checkpointEpoch: 4, updatedAt: 40 }),
      run(6, { status: 'training', updatedAt: 50 }),
    ];
    expect(continueOffer(runs, null)?.run.id).toBe(6);
    expect(continueOffer(runs, 6)?.run.id).toBe(2);
    expect(continueOffer([run(3, { status: 'stopped' })], null)).toBeNull();
  });

  it('after a reload keeps the run’s backend; after a failure on a GPU backend takes the next one', () => {
    expect(continueOffer([run(1, { backend: 'webgl', backendUsed: 'webgl' })], null)).toMatchObject({
      epoch: 2,
      backend: 'webgl',
      backendNote: null,
    });
    const crashed = run(1, { backendUsed: 'webgpu', error: 'The training worker stopped: device lost' });
    expect(continueOffer([crashed], null)).toMatchObject({
      backend: 'webgl',
      backendNote: 'on webgl, after the failure on webgpu',
    });
    const onWasm = run(1, { backend: 'auto', backendUsed: 'wasm', error: 'crash' });
    expect(continueOffer([onWasm], null)).toMatchObject({ backend: 'wasm', backendNote: null });
  });
});

describe('a link’s run', () => {
  const demo = (seed: number) => ({ kind: 'demo', seed, users: 2000, items: 3000 }) as const;
  const ready = {
    openedFromLink: true,
    backendReady: true,
    idle: true,
    storeReady: true,
    hasOffer: false,
    linked: demo(7),
    loaded: demo(7),
  };

  it('trains a demo link once its own demo is loaded and the backend, the store and the page are ready', () => {
    expect(linkRun(ready)).toBe('train');
    expect(linkRun({ ...ready, loaded: demo(42) })).toBe('wait');
    expect(linkRun({ ...ready, loaded: null })).toBe('wait');
    expect(linkRun({ ...ready, backendReady: false })).toBe('wait');
    expect(linkRun({ ...ready, storeReady: false })).toBe('wait');
    // A run the user started first, or a page not opened from a link, is left alone.
    expect(linkRun({ ...ready, idle: false })).toBe('wait');
    expect(linkRun({ ...ready, openedFromLink: false })).toBe('wait');
  });

  it('never trains an upload link by itself', () => {
    const data = { kind: 'upload', name: 'mine.csv', hash: 'aaaa' } as const;
    expect(linkRun({ ...ready, linked: data, loaded: data })).toBe('wait');
  });

  it('offers to continue a stored run instead (a reload mid-training reopens the same link)', () => {
    expect(linkRun({ ...ready, hasOffer: true })).toBe('skip');
    expect(linkRun({ ...ready, hasOffer: true, loaded: null })).toBe('skip');
    // Until the store has opened, whether there is an offer is not known.
    expect(linkRun({ ...ready, hasOffer: true, storeReady: false })).toBe('wait');
  });
});
