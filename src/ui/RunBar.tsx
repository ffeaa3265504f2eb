import { useLayoutEffect, useRef } from 'react';
import { BACKENDS, type BackendChoice } from '../engine/backendInfo';
import { ModelPicker } from './ModelPicker';
import { LIVE_OUTPUT_ID } from './ResultsPanel';
import { RunButtons } from './RunButtons';
import { BackendStatus, RunStatus } from './StatusBar';
import type { ExperimentState } from './useExperiment';
import type { RunControls } from './useRunControls';

interface Props {
  readonly experiment: ExperimentState;
  readonly runs: RunControls;
  readonly hasDataset: boolean;
}

/**
 * The loop on one line, kept at the top of the screen while the page scrolls: the model, the backend, Train /
 * Pause / Stop, and the live status (progress, ETA, speed, memory). As in TensorFlow Playground, the run button
 * and what it is doing never leave the screen.
 */
export function RunBar({ experiment: e, runs, hasDataset }: Props) {
  const { run, training, train, pauseOrResume, stop } = runs;
  const bar = useBarHeight();
  return (
    <section className="run-bar" aria-label="Run" ref={bar}>
      <div className="run-bar-row">
        <ModelPicker value={e.settings.modelId} disabled={training} onChange={e.chooseModel} />
        <label className="field compact">
          <span>Backend</span>
          <select
            value={e.settings.backend}
            disabled={training}
            data-testid="backend-picker"
            onChange={(ev) => e.setBackend(ev.target.value as BackendChoice)}
          >
            <option value="auto">auto (GPU, else wasm)</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <RunButtons
          status={run.status}
          check={e.dataCheck}
          canTrain={!training && hasDataset}
          onTrain={() => {
            train();
            revealLiveOutput(bar.current);
          }}
          onPauseOrResume={pauseOrResume}
          onStop={stop}
        />
        <RunStatus run={run} backend={runs.backendInfo} />
        <BackendStatus backend={runs.backendInfo} />
      </div>
    </section>
  );
}

/**
 * Brings the curves into view when they are out of it (on a narrow screen they sit below the settings), so
 * that a person who pressed Train sees the run start; where they are already in view nothing moves.
 */
function revealLiveOutput(bar: HTMLElement | null) {
  const el = document.getElementById(LIVE_OUTPUT_ID);
  if (!el) return;
  const top = el.getBoundingClientRect().top;
  const barBottom = bar?.getBoundingClientRect().bottom ?? 0;
  if (top >= barBottom && top <= window.innerHeight * 0.6) return;
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}

/**
 * Publishes the bar's height as `--run-bar-h`, so that the sticky settings column and scrolled-to targets
 * sit below it (its height changes with the width and with a data-check note).
 */
function useBarHeight() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const set = () =>
      root.style.setProperty('--run-bar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--run-bar-h');
    };
  }, []);
  return ref;
}
