import * as tf from '@tensorflow/tfjs-core';
import { registerCustomKernels } from './kernels/registerKernels';
import { simdKernels } from './simd/simd';
import { registerThreadedWasm, wasmThreadCount, type WasmThreads } from './wasmThreads';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import './tfSetup';

import {
  BACKENDS,
  type BackendAttempt,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type SelfCheckReport,
} from './backendInfo';
import { describeFailure, runSelfCheck } from './selfCheck';
import { watchDeviceLoss, type LossWatch } from './deviceLoss';

export {
  BACKENDS,
  type BackendAttempt,
  type BackendChoice,
  type BackendInfo,
  type BackendName,
  type SelfCheckReport,
};

/** Where the wasm backend fetches its binaries from (Vite-served URLs in the browser; unset in Node). */
export interface WasmPaths {
  readonly 'tfjs-backend-wasm.wasm': string;
  readonly 'tfjs-backend-wasm-simd.wasm': string;
  readonly 'tfjs-backend-wasm-threaded-simd.wasm': string;
  /** Run tfjs-wasm's threaded module with these files and this many threads (wasmThreads.ts); else one thread. */
  readonly threads?: WasmThreads;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface Probe {
  available: boolean;
  /** A software implementation: correct but far slower than wasm, so automatic choice passes over it. */
  software: boolean;
  device: string;
  reason: string;
}

// Minimal structural types for the WebGPU adapter; lib.dom in TS 5.9 does not ship WebGPU types.
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function probeWebGpu(): Promise<Probe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu)
    return { available: false, software: false, device: '', reason: 'navigator.gpu is not available' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { available: false, software: false, device: '', reason: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const device =
    [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU';
  const fallback =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_RENDERER.test(device);
  return {
    available: true,
    software: fallback,
    device,
    reason: fallback ? `WebGPU adapter "${device}" is a software fallback` : `WebGPU adapter "${device}"`,
  };
}

function probeWebGl(): Probe {
  const Canvas = (globalThis as { OffscreenCanvas?: typeof OffscreenCanvas }).OffscreenCanvas;
  if (!Canvas)
    return { available: false, software: false, device: '', reason: 'OffscreenCanvas is not available' };
  const gl = new Canvas(1, 1).getContext('webgl2');
  if (!gl) return { available: false, software: false, device: '', reason: 'no WebGL2 context' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const device = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const software = SOFTWARE_RENDERER.test(device);
  return {
    available: true,
    software,
    device,
    reason: software ? `WebGL renderer "${device}" is software` : `WebGL renderer "${device}"`,
  };
}

/** What the started wasm backend runs on: its threads, with or without our SIMD kernels (engine/simd). */
async function wasmDevice(): Promise<string> {
  const ours = simdKernels(tf.backend() as BackendWasm) !== null;
  const n = await wasmThreadCount();
  const threads = `${n} thread${n === 1 ? '' : 's'}`;
  return ours
    ? `WebAssembly SIMD, ${threads}, recplay SIMD kernels`
    : `WebAssembly, ${threads}, stock kernels (this runtime lacks WebAssembly SIMD)`;
}

async function probe(name: BackendName): Promise<Probe> {
  switch (name) {
    case 'webgpu':
      return probeWebGpu();
    case 'webgl':
      return probeWebGl();
    case 'wasm':
      return typeof WebAssembly === 'object'
        ? { available: true, software: false, device: 'WebAssembly SIMD', reason: 'WebAssembly' }
        : { available: false, software: false, device: '', reason: 'WebAssembly is not available' };
    case 'cpu':
      return { available: true, software: false, device: 'JavaScript', reason: 'plain JavaScript' };
  }
}

/** Whether the `wasm` backend is tfjs's threaded module (registered once: re-registering drops the instance). */
let threadedRegistered = false;

/** Imports the backend's package (lazily, so the page never loads backends it does not use). */
async function loadBackendModule(name: BackendName, wasmPaths?: WasmPaths): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // tfjs's own threaded start uses Blob URLs, which the app's policy refuses (wasmThreads.ts).
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (!wasmPaths) return;
      const { threads, ...files } = wasmPaths;
      wasm.setWasmPaths(files);
      if (threads && threads.count > 1 && !threadedRegistered) {
        await registerThreadedWasm(threads);
        threadedRegistered = true;
      }
      return;
    }
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

// The device watch of each GPU backend started (see deviceLoss.ts).
const watches = new Map<BackendName, LossWatch>();

/** The loss watch of the active backend's device; null for wasm and cpu. */
export function deviceLossWatch(): LossWatch | null {
  return watches.get(tf.getBackend() as BackendName) ?? null;
}

/**
 * tfjs keeps one instance per backend, bound to its device for good: after a loss, the instance is dropped and
 * its factory registered again, so the next start gets a new device.
 */
function dropLostBackend(name: BackendName): void {
  if (watches.get(name)?.message() == null) return;
  watches.delete(name);
  const factory = tf.findBackendFactory(name);
  if (!factory) return;
  try {
    tf.removeBackend(name);
  } catch {
    // Freeing the buffers of a lost device threw half way: forget the instance all the same.
    // tfjs exposes no other way to drop it; the engine's registries are plain objects.
    const engine = tf.engine() as unknown as Record<'registry' | 'registryFactory', Record<string, unknown>>;
    delete engine.registry[name];
    delete engine.registryFactory[name];
  }
  tf.registerBackend(name, factory);
}

async function activate(name: BackendName, wasmPaths?: WasmPaths): Promise<void> {
  // Production mode: skips debug checks and tfjs's "install tfjs-node" banner in Node.
  tf.enableProdMode();
  await loadBackendModule(name, wasmPaths);
  registerCustomKernels();
  dropLostBackend(name);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  const w = watchDeviceLoss(name, tf.backend());
  if (w) watches.set(name, w);
}

interface Started {
  readonly ok: boolean;
  readonly reason: string;
  readonly device: string;
  readonly selfCheck?: SelfCheckReport;
}

/** Activates `name` and self-checks it; `ok` false says why it cannot be used. */
async function startChecked(name: BackendName, p: Probe, wasmPaths?: WasmPaths): Promise<Started> {
  try {
    await activate(name, wasmPaths);
  } catch (err) {
    return { ok: false, reason: `failed to start: ${errorMessage(err)}`, device: p.device };
  }
  const selfCheck = await runSelfCheck();
  if (!selfCheck.ok)
    return { ok: false, reason: `self-check failed: ${describeFailure(selfCheck)}`, device: p.device };
  return { ok: true, reason: p.reason, device: name === 'wasm' ? await wasmDevice() : p.device, selfCheck };
}

/**
 * Probes `name` and, when it is there (and not a software GPU that `passOverSoftware` skips), starts and
 * self-checks it: the attempt to report, and what started (null when it did not).
 */
async function tryBackend(
  name: BackendName,
  passOverSoftware: boolean,
  wasmPaths?: WasmPaths,
): Promise<{ attempt: BackendAttempt; probe: Probe; started: Started | null }> {
  const p = await probe(name);
  if (!p.available) return { attempt: { name, ok: false, reason: p.reason }, probe: p, started: null };
  if (passOverSoftware && p.software) {
    const reason = `${p.reason}, skipped (slower than wasm)`;
    return { attempt: { name, ok: false, reason }, probe: p, started: null };
  }
  const s = await startChecked(name, p, wasmPaths);
  return { attempt: { name, ok: s.ok, reason: s.reason }, probe: p, started: s.ok ? s : null };
}

/** A backend auto may pick: started, self-checked, and not a software GPU. */
export interface Candidate {
  readonly name: BackendName;
  readonly device: string;
  readonly reason: string;
  readonly selfCheck: SelfCheckReport;
}

/**
 * Every backend auto could pick, each started and self-checked: the GPU backends on hardware adapters and
 * wasm (cpu only when none of them starts, or when `includeCpu`: tests and the bench time it too). Leaves the
 * last one started active. `attempts` lists every backend tried, with why it was passed over. The worker asks
 * once (and again after a device loss), then moves between them with `switchBackend`.
 */
export async function autoCandidates(
  wasmPaths?: WasmPaths,
  options: { readonly includeCpu?: boolean } = {},
): Promise<{ candidates: Candidate[]; attempts: BackendAttempt[] }> {
  const candidates: Candidate[] = [];
  const attempts: BackendAttempt[] = [];
  for (const name of BACKENDS) {
    if (name === 'cpu' && candidates.length > 0 && !options.includeCpu) break;
    const { attempt, started: s } = await tryBackend(name, true, wasmPaths);
    attempts.push(attempt);
    if (s?.selfCheck) candidates.push({ name, device: s.device, reason: s.reason, selfCheck: s.selfCheck });
  }
  return { candidates, attempts };
}

/** Makes an already started and checked backend the active one again. */
export async function switchBackend(name: BackendName, wasmPaths?: WasmPaths): Promise<void> {
  if (tf.getBackend() !== name) await activate(name, wasmPaths);
}

/**
 * Picks and activates a backend. `auto` tries webgpu → webgl → wasm → cpu and passes over software
 * GPU implementations (they are correct but 50–250× slower than wasm); naming a backend forces it. Before a
 * run, auto goes further when several backends start: it times the run's model on each (worker/speedProbe.ts).
 */
export async function initBackend(choice: BackendChoice, wasmPaths?: WasmPaths): Promise<BackendInfo> {
  const attempts: BackendAttempt[] = [];
  const order: readonly BackendName[] = choice === 'auto' ? BACKENDS : [choice];
  for (const name of order) {
    const { attempt, probe: p, started: s } = await tryBackend(name, choice === 'auto', wasmPaths);
    attempts.push(attempt);
    if (!s?.selfCheck) continue;
    const why =
      choice === 'auto'
        ? attempts.length === 1
          ? `first choice: ${p.reason}`
          : `${attempts
              .filter((a) => !a.ok)
              .map((a) => `${a.name}: ${a.reason}`)
              .join('; ')}`
        : `chosen by you: ${p.reason}`;
    return { name, device: s.device, reason: why, attempts, selfCheck: s.selfCheck };
  }
  if (choice !== 'auto' && choice !== 'cpu') {
    // A forced backend that cannot start falls back to the automatic order, and says so.
    const info = await initBackend('auto', wasmPaths);
    return { ...info, reason: `${choice} unavailable (${attempts[0]?.reason}); ${info.reason}` };
  }
  throw new Error(`No backend could start: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
