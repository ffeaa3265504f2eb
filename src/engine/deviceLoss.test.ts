import { describe, expect, it, vi } from 'vitest';
import {
  DeviceLostError,
  WEBGL_LOSS,
  describeWebGpuLoss,
  lossMessage,
  unlessLost,
  watchDeviceLoss,
} from './deviceLoss';

/** A fake WebGPU device whose `lost` promise the test settles. */
function fakeWebGpu() {
  let lose: (info: { reason: string; message: string }) => void = () => {};
  const lost = new Promise<{ reason: string; message: string }>((r) => (lose = r));
  return { backend: { device: { lost } }, lose };
}

describe('device loss', () => {
  it('words a WebGPU loss with its reason and message', () => {
    expect(describeWebGpuLoss({ reason: 'destroyed', message: 'Device was destroyed.' })).toBe(
      'The GPU device was lost (destroyed: Device was destroyed.).',
    );
    expect(describeWebGpuLoss({ reason: 'unknown', message: '' })).toBe('The GPU device was lost (unknown).');
    expect(describeWebGpuLoss({})).toBe('The GPU device was lost (no reason given).');
  });

  it('watches only GPU backends that have a device', () => {
    expect(watchDeviceLoss('cpu', {})).toBeNull();
    expect(watchDeviceLoss('wasm', {})).toBeNull();
    expect(watchDeviceLoss('webgpu', {})).toBeNull();
    expect(watchDeviceLoss('webgl', { gpgpu: {} })).toBeNull();
  });

  it('a webgpu step that never ends is abandoned with the loss message once the device is lost', async () => {
    const gpu = fakeWebGpu();
    const watch = watchDeviceLoss('webgpu', gpu.backend)!;
    expect(watch.message()).toBeNull();
    const onLost = vi.fn();
    const never = new Promise<number>(() => {});
    const run = unlessLost(never, watch, onLost);
    gpu.lose({ reason: 'destroyed', message: 'Device was destroyed.' });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceLostError);
    expect((err as Error).message).toBe('The GPU device was lost (destroyed: Device was destroyed.).');
    expect(onLost).toHaveBeenCalledOnce();
    expect(watch.message()).toBe((err as Error).message);
  });

  it('work that ends before any loss is returned as is', async () => {
    const watch = watchDeviceLoss('webgpu', fakeWebGpu().backend);
    const onLost = vi.fn();
    await expect(unlessLost(Promise.resolve(5), watch, onLost)).resolves.toBe(5);
    await expect(unlessLost(Promise.reject(new Error('bad shape')), watch, onLost)).rejects.toThrow(
      'bad shape',
    );
    await expect(unlessLost(Promise.resolve(6), null, onLost)).resolves.toBe(6);
    expect(onLost).not.toHaveBeenCalled();
  });

  it("a raw tfjs error that comes just before the loss is reported is replaced by the loss's message", async () => {
    const gpu = fakeWebGpu();
    const watch = watchDeviceLoss('webgpu', gpu.backend);
    const raw = new Error("Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost");
    const pending = lossMessage(watch, raw, 1000);
    setTimeout(() => gpu.lose({ reason: 'unknown', message: 'GPU hang' }), 10);
    await expect(pending).resolves.toBe('The GPU device was lost (unknown: GPU hang).');
    // Other errors, with no loss within the wait, keep their own message (null here).
    const other = watchDeviceLoss('webgpu', fakeWebGpu().backend);
    await expect(lossMessage(other, new Error('bad shape'), 20)).resolves.toBeNull();
    await expect(lossMessage(null, new Error('bad shape'))).resolves.toBeNull();
  });

  it('webgl: a lost context (the canvas event) is reported', async () => {
    const canvas = new EventTarget();
    const watch = watchDeviceLoss('webgl', { gpgpu: { gl: { canvas } } })!;
    expect(watch).not.toBeNull();
    canvas.dispatchEvent(new Event('webglcontextlost'));
    await expect(watch.lost).resolves.toBe(WEBGL_LOSS);
    expect(watch.message()).toBe(WEBGL_LOSS);
  });
});
