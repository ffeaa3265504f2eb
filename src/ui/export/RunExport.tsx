import { useState } from 'react';
import type { Experiment } from '../../state/experiment';
import type { RunState } from '../runState';
import { download } from './download';
import { exportableRuns, kb, runFileOf } from './exportFiles';
import { ExportGroup } from './ExportGroup';

interface Props {
  readonly run: RunState;
  readonly experiment: Experiment;
  /** A job runs: no export now. */
  readonly busy: boolean;
  readonly onSaved: (note: string) => void;
}

/** A finished run of the session (trained or imported) saved as a run file. */
export function RunExport({ run, experiment, busy, onSaved }: Props) {
  const [runChoice, setRunChoice] = useState<number | null>(null);
  const runs = exportableRuns(run.runs);
  const chosen = runs.find((r) => r.runId === runChoice) ?? runs.at(-1) ?? null;

  function exportRun() {
    if (!chosen) return;
    const { name, text } = runFileOf(experiment, chosen, run);
    download(name, new Blob([text], { type: 'application/json' }));
    onSaved(`Saved ${name} (${kb(text.length)}).`);
  }

  return (
    <ExportGroup title="Run">
      <select
        aria-label="Run to export"
        value={chosen?.runId ?? ''}
        disabled={runs.length === 0}
        onChange={(e) => setRunChoice(Number(e.target.value))}
      >
        {runs.length === 0 && <option value="">no finished run yet</option>}
        {runs.map((r) => (
          <option key={r.runId} value={r.runId}>
            #{r.runId} {r.modelId}
            {r.imported ? ' (imported)' : ''}
          </option>
        ))}
      </select>
      <button type="button" disabled={!chosen || busy} data-testid="export-run" onClick={exportRun}>
        Run (.json)
      </button>
    </ExportGroup>
  );
}
