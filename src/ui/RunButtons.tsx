import { useId } from 'react';
import type { DataCheck } from '../models/dataCheck';

interface Props {
  /** What the loaded data lack for the chosen model; a refusal keeps Train disabled. */
  readonly check: DataCheck | null;
  /** Train may start otherwise: a dataset is loaded and no run is under way. */
  readonly canTrain: boolean;
  /** A run is training or paused: Pause / Resume and Stop apply. */
  readonly active: boolean;
  readonly paused: boolean;
  onTrain(): void;
  onPauseOrResume(): void;
  onStop(): void;
}

/** Train, Pause / Resume and Stop, with what the data check says about the model shown above them. */
export function RunButtons({ check, canTrain, active, paused, onTrain, onPauseOrResume, onStop }: Props) {
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
      <div className="buttons">
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
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={onStop} disabled={!active}>
          Stop
        </button>
      </div>
    </>
  );
}
