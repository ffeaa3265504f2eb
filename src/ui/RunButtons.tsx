import type { RunState } from './runState';
import { useKeepFocus } from './useKeepFocus';

interface Props {
  readonly status: RunState['status'];
  /** Train is offered: no run under way, and a dataset loaded. */
  readonly canTrain: boolean;
  readonly onTrain: () => void;
  readonly onPauseOrResume: () => void;
  readonly onStop: () => void;
}

/**
 * Train, Pause / Resume and Stop. As a run starts and ends these disable one another; focus on the one just
 * disabled moves to the next enabled one (Train → Pause, Pause or Stop → Train), never to the page's top.
 */
export function RunButtons({ status, canTrain, onTrain, onPauseOrResume, onStop }: Props) {
  const active = status === 'training' || status === 'paused';
  const keep = useKeepFocus<HTMLDivElement>();
  return (
    <div className="buttons" role="group" aria-label="Run" tabIndex={-1} data-testid="run-buttons" {...keep}>
      <button type="button" className="primary" onClick={onTrain} disabled={!canTrain}>
        Train
      </button>
      <button type="button" onClick={onPauseOrResume} disabled={!active}>
        {status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button type="button" onClick={onStop} disabled={!active}>
        Stop
      </button>
    </div>
  );
}
