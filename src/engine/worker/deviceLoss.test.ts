import { describe, expect, it, vi } from 'vitest';
import type { LossWatch } from '../deviceLoss';
import type { TrainEvent } from '../protocol';

// The device under the run, as the test controls it: Node has no GPU, so the watch of the active backend is
// replaced by one the test can lose (the rest of backends.ts, wasm and all, is the real one).
const device = vi.hoisted(() => ({ lose: (_m: string) => {}, watch: null as LossWatch | null }));
vi.mock('../backends', async (importOriginal) => {
  const real = await importOriginal<typeof import('../backends')>();
  return { ...real, deviceLossWatch: () => device.watch };
});

const { createWorkerApi } = await import('./api');

function gpuWatch(): LossWatch {
  let message: string | null = null;
  const lost = new Promise<string>((r) => (device.lose = r)).then((m) => (message = m));
  return { backend: 'webgpu', lost, message: () => message };
}

describe('session: the device is lost mid-run', () => {
  it('ends the run with the loss named, after its first checkpoint, and the next run trains', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 120, items: 150 });
    device.watch = gpuWatch();
    const events: TrainEvent[] = [];
    const outcome = await s.train(
      {
        runId: 1,
        modelId: 'dnn',
        modelConfig: {},
        trainConfig: { epochs: 5, batchSize: 64 },
        backend: 'wasm',
        checkpoints: true,
      },
      (e) => {
        events.push(e);
        if (e.type === 'checkpoint' && e.epoch === 1) device.lose('The GPU device was lost (destroyed).');
      },
    );
    expect(outcome).toEqual({
      type: 'error',
      runId: 1,
      message:
        'The GPU device was lost (destroyed). Training on webgpu stopped; continue the run from its last checkpoint on another backend.',
      deviceLost: true,
    });
    // It stopped at the loss, not after all five epochs.
    expect(
      events.filter((e) => e.type === 'checkpoint').map((e) => e.type === 'checkpoint' && e.epoch),
    ).toEqual([1]);
    // The lost model is gone; the session trains again (on a backend whose device is fine).
    await expect(s.exportModel(1)).resolves.toMatchObject({ type: 'unavailable' });
    device.watch = null;
    const next = await s.train(
      {
        runId: 2,
        modelId: 'dnn',
        modelConfig: {},
        trainConfig: { epochs: 1, batchSize: 64 },
        backend: 'wasm',
      },
      () => {},
    );
    expect(next.type).toBe('done');
  });

  it('a plain error while the device is fine keeps its own message', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 60, items: 80 });
    device.watch = gpuWatch();
    const outcome = await s.train(
      { runId: 3, modelId: 'nope', modelConfig: {}, trainConfig: {}, backend: 'wasm' },
      () => {},
    );
    expect(outcome).toMatchObject({ type: 'error', message: expect.stringContaining('Unknown model') });
    expect(outcome).not.toHaveProperty('deviceLost');
    device.watch = null;
  });
});
