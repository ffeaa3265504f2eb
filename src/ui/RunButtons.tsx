import { useId } from 'react';
import type { DataCheck } from '../models/dataCheck';
import type { RunState } from './runState';
import { useKeepFocus } from './useKeepFocus';

interface Props {
  readonly status: RunState['status'];
  /** What the loaded data lack for the chosen model; a refusal keeps Train disabled. */
  readonly check: DataCheck | null;
  /** Train is offered: no run under way, and a dataset loaded. */
  readonly canTrain: boolean;
  readonly onTrain: () => void;
  readonly onPauseOrResume: () => void;
  readonly onStop: () => void;
}

/**
 * Train, Pause / Resume and Stop, with what the data check says about the model shown above them. As a run
 * starts and ends these disable one another; focus on the one just disabled moves to the next enabled one
 * (Train → Pause, Pause or Stop → Train), never to the page's top.
 */
export function RunButtons({ status, check, canTrain, onTrain, onPauseOrResume, onStop }: Props) {
  const active = status === 'training' || status === 'paused';
  const keep = useKeepFocus<HTMLDivElement>();
  const noteId = useId();
  return (
    <>
      {check && (
        <p
          id={noteId}
          className={`data-check ${check.level}`}
          role="status"
          data-testid="data-check"
          data-level={check.level}
        >
          {check.message}
        </p>
      )}
      <div
        className="buttons"
        role="group"
        aria-label="Run"
        tabIndex={-1}
        data-testid="run-buttons"
        {...keep}
      >
        <button
          type="button"
          className="primary"
          onClick={onTrain}
          disabled={!canTrain || check?.level === 'refuse'}
          aria-describedby={check ? noteId : undefined}
        >
          Train
        </button>
        <button type="button" onClick={onPauseOrResume} disabled={!active}>
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={onStop} disabled={!active}>
          Stop
        </button>
      </div>
    </>
  );
}
