import type { BackendInfo } from '../engine/backendInfo';
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

/** Backend in use (and why), training speed and progress. */
export function StatusBar({ run, backend }: { run: RunState; backend: BackendInfo | null }) {
  const p = run.progress;
  return (
    <div className="status-bar" aria-live="polite">
      <div data-testid="backend">
        <span className="label">Backend</span>{' '}
        {backend ? (
          <>
            <strong data-testid="backend-name">{backend.name}</strong>
            {backend.device && (
              <span className="why">
                {' '}
                · <span data-testid="backend-device">{backend.device}</span>
              </span>
            )}
            <span
              className={backend.selfCheck.ok ? 'check ok' : 'check bad'}
              data-testid="self-check"
              title={backend.selfCheck.checks
                .map(
                  (c) => `${c.name}: ${c.ok ? 'ok' : 'FAILED'} (relative error ${c.error.toExponential(1)})`,
                )
                .join('\n')}
            >
              {' '}
              self-check {backend.selfCheck.ok ? '✓' : '✗'}{' '}
              {backend.selfCheck.checks.filter((c) => c.ok).length}/{backend.selfCheck.checks.length}
            </span>
            <span className="why" title={backend.attempts.map((a) => `${a.name}: ${a.reason}`).join('\n')}>
              {' '}
              ({backend.reason})
            </span>
          </>
        ) : (
          'starting…'
        )}
      </div>
      <div>
        <span className="label">Status</span>{' '}
        <strong data-testid="run-status">{STATUS_TEXT[run.status]}</strong>
        {run.build && !p && (
          <span data-testid="build-stage">
            {' '}
            · building the {run.build.stage}: {fmtInt(run.build.done)}/{fmtInt(run.build.total)} items
          </span>
        )}
        {p && (
          <>
            {' '}
            · epoch {p.epoch}/{p.epochs} · step {p.step}/{p.stepsPerEpoch}
            {run.status === 'training' && ` · ETA ${fmtDuration(p.etaSeconds)}`}
          </>
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
