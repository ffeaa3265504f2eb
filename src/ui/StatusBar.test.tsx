// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo } from '../engine/backendInfo';
import type { TrainProgress } from '../engine/train/progress';
import { IDLE_RUN, type RunState } from './runState';
import { BackendStatus, RunStatus, runFraction } from './StatusBar';

afterEach(cleanup);

const wasm: BackendInfo = {
  name: 'wasm',
  device: '',
  reason: 'the fastest backend that passed its self-check',
  selfCheck: { ok: true, checks: [{ name: 'matMul', ok: true, error: 1e-7 }], ms: 3 },
  attempts: [{ name: 'webgpu', ok: false, reason: 'no adapter' }],
};

const progress = (p: Partial<TrainProgress>): TrainProgress => ({
  epoch: 2,
  epochs: 4,
  step: 50,
  stepsPerEpoch: 100,
  loss: 0.5,
  rowsPerSec: 12345,
  etaSeconds: 30,
  numTensors: 40,
  paused: false,
  ...p,
});

describe('RunStatus', () => {
  it('says the page is starting, not ready, while the backend starts', () => {
    const { rerender } = render(<RunStatus run={IDLE_RUN} backend={null} />);
    expect(screen.getByTestId('run-status').textContent).toBe('Starting…');
    rerender(<RunStatus run={IDLE_RUN} backend={wasm} />);
    expect(screen.getByTestId('run-status').textContent).toBe('Ready');
  });

  it('shows a live run’s epoch, step, ETA and a progress bar at the share of the run done', () => {
    const run: RunState = { ...IDLE_RUN, status: 'training', progress: progress({}) };
    render(<RunStatus run={run} backend={wasm} />);
    expect(screen.getByTestId('run-progress-text').textContent).toMatch(/epoch 2\/4 · step 50\/100 · ETA/);
    const bar = screen.getByTestId('run-progress') as HTMLProgressElement;
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(1.5 / 4, 6);
    expect(screen.getByTestId('rows-per-sec').textContent).toBe('12,345 rows/s');
  });

  it('names what a step before training counts: a graph’s items, the speed probe’s backends', () => {
    const building = (stage: string, unit: string): RunState => ({
      ...IDLE_RUN,
      status: 'training',
      build: { stage, done: 1, total: 2, unit },
    });
    const { rerender } = render(<RunStatus run={building('text kNN graph', 'items')} backend={wasm} />);
    expect(screen.getByTestId('build-stage').textContent).toBe(' · building the text kNN graph: 1/2 items');
    rerender(<RunStatus run={building('speed probe (webgpu)', 'backends')} backend={wasm} />);
    expect(screen.getByTestId('build-stage').textContent).toBe(' · speed probe (webgpu): 1/2 backends');
  });

  it('drops the bar once the run ended', () => {
    const run: RunState = { ...IDLE_RUN, status: 'done', progress: progress({ epoch: 4, step: 100 }) };
    render(<RunStatus run={run} backend={wasm} />);
    expect(screen.queryByTestId('run-progress')).toBeNull();
  });
});

describe('runFraction', () => {
  it('counts finished epochs and the steps of the current one, within 0–1', () => {
    expect(runFraction(progress({ epoch: 1, step: 0 }))).toBe(0);
    expect(runFraction(progress({ epoch: 4, step: 100 }))).toBe(1);
    expect(runFraction(progress({ epochs: 0 }))).toBe(0);
  });
});

describe('BackendStatus', () => {
  it('names the backend and its self-check, with why it was chosen behind a disclosure', () => {
    render(<BackendStatus backend={wasm} />);
    const details = screen.getByTestId('backend') as HTMLDetailsElement;
    expect(details.tagName).toBe('DETAILS');
    expect(details.open).toBe(false);
    expect(screen.getByTestId('backend-name').textContent).toBe('wasm');
    expect(screen.getByTestId('self-check').textContent).toMatch(/✓ 1\/1/);
    expect(details.textContent).toMatch(/webgpu: no adapter/);
  });

  it('shows every figure of auto’s speed probe, fastest first, and when it was measured', () => {
    const probed: BackendInfo = {
      ...wasm,
      probe: {
        unit: 'rows',
        speeds: [
          { name: 'wasm', device: 'WebAssembly SIMD', perSec: 9812.4, steps: 12 },
          { name: 'webgl', device: 'ANGLE', perSec: 3120, steps: 4 },
          { name: 'webgpu', device: 'NVIDIA', perSec: null, steps: 0, note: 'device lost' },
        ],
        measuredAt: Date.UTC(2026, 11, 6),
        remembered: true,
      },
    };
    render(<BackendStatus backend={probed} />);
    expect(screen.getByTestId('backend-probe').textContent).toBe(
      ' · wasm 9,812 · webgl 3,120 · webgpu failed rows/s',
    );
    const items = [...screen.getByTestId('backend-probe-list').querySelectorAll('li')].map(
      (li) => li.textContent,
    );
    expect(items).toEqual([
      'wasm (WebAssembly SIMD): 9,812 rows/s over 12 steps',
      'webgl (ANGLE): 3,120 rows/s over 4 steps',
      'webgpu (NVIDIA): failed: device lost',
    ]);
    expect(screen.getByTestId('backend').textContent).toMatch(/remembered for this device/);
  });

  it('shows no probe when auto had one backend to choose from', () => {
    render(<BackendStatus backend={wasm} />);
    expect(screen.queryByTestId('backend-probe')).toBeNull();
  });

  it('says it is starting before the worker reports', () => {
    render(<BackendStatus backend={null} />);
    expect(screen.getByTestId('backend').textContent).toMatch(/starting/);
  });
});
