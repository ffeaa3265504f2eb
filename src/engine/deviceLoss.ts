/**
 * Loss of the GPU under a running backend: a WebGPU device lost (driver reset, GPU removed, `destroy()`) or a
 * WebGL context lost. tfjs does not watch for either; to it a lost device looks like reads that fail or never
 * end. We watch the device ourselves, so a run can stop with a message that says what happened.
 */
import type { BackendName } from './backendInfo';

/** The WebGPU `GPUDeviceLostInfo` fields we read (lib.dom in TS 5.9 has no WebGPU types). */
interface GpuLostInfoLike {
  readonly reason?: string;
  readonly message?: string;
}

export interface LossWatch {
  readonly backend: BackendName;
  /** Resolves with the message once the device is lost; never settles otherwise. */
  readonly lost: Promise<string>;
  /** The message, once lost (null: not lost). */
  message(): string | null;
}

/** Thrown when a step fails because the device under it was lost. */
export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}

export function describeWebGpuLoss(info: GpuLostInfoLike): string {
  const detail = [info.reason, info.message?.trim()].filter(Boolean).join(': ');
  return `The GPU device was lost (${detail || 'no reason given'}).`;
}

export const WEBGL_LOSS = 'The WebGL context was lost (the browser or the GPU driver took it back).';

/**
 * Watches the device of `backend` (tfjs's backend instance: webgpu's has `.device`, webgl's has
 * `.gpgpu.gl`); null for backends without a GPU device.
 */
export function watchDeviceLoss(name: BackendName, backend: unknown): LossWatch | null {
  let message: string | null = null;
  let lost: Promise<string> | null = null;
  if (name === 'webgpu') {
    const device = (backend as { device?: { lost?: Promise<GpuLostInfoLike> } } | null)?.device;
    if (device?.lost) lost = device.lost.then(describeWebGpuLoss);
  } else if (name === 'webgl') {
    const gl = (backend as { gpgpu?: { gl?: WebGLRenderingContext } } | null)?.gpgpu?.gl;
    const canvas = gl?.canvas as EventTarget | undefined;
    if (canvas?.addEventListener) {
      lost = new Promise((resolve) =>
        canvas.addEventListener('webglcontextlost', () => resolve(WEBGL_LOSS), { once: true }),
      );
    }
  }
  if (!lost) return null;
  const watched = lost.then((m) => (message = m));
  return { backend: name, lost: watched, message: () => message };
}

/**
 * `work`, or a `DeviceLostError` as soon as the device is lost (a step on a lost device may never end).
 * `onLost` runs first, to ask the abandoned work to stop at its next check.
 */
export async function unlessLost<T>(
  work: Promise<T>,
  watch: LossWatch | null,
  onLost: () => void,
): Promise<T> {
  if (!watch) return work;
  // The abandoned work may still reject later (a read on the lost device): that is expected, not unhandled.
  work.catch(() => {});
  const lost = watch.lost.then((m): never => {
    onLost();
    throw new DeviceLostError(m);
  });
  return Promise.race([work, lost]);
}

/**
 * The message for a failed step: the loss, when the device was lost (a step on a lost device fails with
 * tfjs's raw error, often just before the loss is reported, so this waits a little for it).
 */
export async function lossMessage(
  watch: LossWatch | null,
  err: unknown,
  waitMs = 250,
): Promise<string | null> {
  if (err instanceof DeviceLostError) return err.message;
  if (!watch) return null;
  const now = watch.message();
  if (now !== null) return now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = await Promise.race([
    watch.lost,
    new Promise<null>((r) => (timer = setTimeout(() => r(null), waitMs))),
  ]);
  clearTimeout(timer);
  return late;
}
