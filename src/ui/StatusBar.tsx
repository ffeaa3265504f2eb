import type { BackendInfo, SpeedProbeReport } from '../engine/backendInfo';
import { fmtDuration, fmtInt } from './format';
import type { RunState } from './runState';

const STATUS_TEXT: Record<RunState['status'], string> = {
  idle: 'Ready',
  training: 'Training',
  paused: 'Paused',
  stopping: 'Stopping…',
  done: 'Done',
  stopped: 'Stopped',
  error: 'Failed',
};

/** The status word: a page whose backend is still starting is not ready to train yet. */
export function statusText(run: RunState, backend: BackendInfo | null): string {
  return run.status === 'idle' && backend === null ? 'Starting…' : STATUS_TEXT[run.status];
}

/** How far the run is, 0–1: finished epochs plus the share of steps of the one in progress. */
export function runFraction(p: NonNullable<RunState['progress']>): number {
  if (p.epochs <= 0) return 0;
  const within = p.stepsPerEpoch > 0 ? p.step / p.stepsPerEpoch : 0;
  return Math.min(1, Math.max(0, (p.epoch - 1 + within) / p.epochs));
}

/** The run's status, progress (epoch, step, ETA, a bar), speed and tensor memory: the run bar's live half. */
export function RunStatus({ run, backend }: { run: RunState; backend: BackendInfo | null }) {
  const p = run.progress;
  const live = run.status === 'training' || run.status === 'paused';
  return (
    <div className="run-live" aria-live="polite">
      <div className="run-state">
        <span className="label">Status</span>{' '}
        <strong data-testid="run-status">{statusText(run, backend)}</strong>
        {run.build && !p && (
          <span data-testid="build-stage">
            {' '}
            · {run.build.unit === 'items' ? `building the ${run.build.stage}` : run.build.stage}:{' '}
            {fmtInt(run.build.done)}/{fmtInt(run.build.total)} {run.build.unit}
          </span>
        )}
        {p && (
          <span data-testid="run-progress-text">
            {' '}
            · epoch {p.epoch}/{p.epochs} · step {p.step}/{p.stepsPerEpoch}
            {run.status === 'training' && ` · ETA ${fmtDuration(p.etaSeconds)}`}
          </span>
        )}
        {p && live && (
          <progress
            className="run-progress"
            max={1}
            value={runFraction(p)}
            aria-label="Training progress"
            data-testid="run-progress"
          />
        )}
      </div>
      <div>
        <span className="label">Speed</span>{' '}
        <strong data-testid="rows-per-sec">
          {p ? `${fmtInt(p.rowsPerSec)} ${run.family === 'topk' ? 'triples' : 'rows'}/s` : '—'}
        </strong>
      </div>
      <div>
        <span className="label">Memory</span>{' '}
        <strong
          data-testid="tensor-memory"
          title="Tensors the backend holds now (weights, optimizer state, batch)"
        >
          {p
            ? `${fmtInt(p.numTensors)} tensors${p.numBytes !== undefined ? ` · ${(p.numBytes / 2 ** 20).toFixed(1)} MB` : ''}`
            : '—'}
        </strong>
      </div>
    </div>
  );
}

/** The probe's figures in a line: each backend's speed, fastest first. */
export function probeSummary(probe: SpeedProbeReport): string {
  const figures = probe.speeds.map((s) => `${s.name} ${s.perSec === null ? 'failed' : fmtInt(s.perSec)}`);
  return `${figures.join(' · ')} ${probe.unit}/s`;
}

function ProbeDetails({ probe }: { probe: SpeedProbeReport }) {
  const when = new Date(probe.measuredAt).toLocaleString();
  return (
    <>
      <p>
        Measured{' '}
        {probe.remembered ? `on ${when} (remembered for this device, model and data)` : 'before this run'}:
        training steps of this model and batch on each backend.
      </p>
      <ul data-testid="backend-probe-list">
        {probe.speeds.map((s) => (
          <li key={s.name}>
            {s.name} ({s.device}):{' '}
            {s.perSec === null
              ? `failed: ${s.note ?? 'no figure'}`
              : `${fmtInt(s.perSec)} ${probe.unit}/s over ${s.steps} steps`}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The backend in use, in a word with its self-check; why it was chosen (the long technical story of the
 * adapters tried) behind a disclosure.
 */
export function BackendStatus({ backend }: { backend: BackendInfo | null }) {
  if (!backend) {
    return (
      <div className="backend-status" data-testid="backend">
        <span className="label">Backend</span> starting…
      </div>
    );
  }
  const passed = backend.selfCheck.checks.filter((c) => c.ok).length;
  return (
    <details className="backend-status" data-testid="backend">
      <summary>
        <span className="label">Backend</span> <strong data-testid="backend-name">{backend.name}</strong>
        <span
          className={backend.selfCheck.ok ? 'check ok' : 'check bad'}
          data-testid="self-check"
          title={`Self-check: ${passed} of ${backend.selfCheck.checks.length} kernels agree with their references`}
        >
          {' '}
          {backend.selfCheck.ok ? '✓' : '✗'} {passed}/{backend.selfCheck.checks.length}
        </span>
        {backend.probe && (
          <span
            className="probe"
            data-testid="backend-probe"
            title="Auto timed a few training steps of this model and batch on each backend and took the fastest"
          >
            {' '}
            · {probeSummary(backend.probe)}
          </span>
        )}
      </summary>
      <div className="backend-details">
        {backend.device && (
          <p>
            Device: <span data-testid="backend-device">{backend.device}</span>
          </p>
        )}
        <p>Why: {backend.reason}</p>
        {backend.probe && <ProbeDetails probe={backend.probe} />}
        <p>Self-check (kernels against the cpu backend):</p>
        <ul>
          {backend.selfCheck.checks.map((c) => (
            <li key={c.name}>
              {c.name}: {c.ok ? 'ok' : 'FAILED'} (relative error {c.error.toExponential(1)})
            </li>
          ))}
        </ul>
        {backend.attempts.length > 0 && (
          <>
            <p>Tried:</p>
            <ul>
              {backend.attempts.map((a, i) => (
                <li key={i}>
                  {a.name}: {a.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}
