import { useRef } from 'react';
import { ExportGroup } from './ExportGroup';

interface Props {
  /** A job runs: no import now. */
  readonly busy: string | null;
  /** A model import waits for a dataset and for the training run to end. */
  readonly modelDisabled: boolean;
  readonly onModelFile: (file: File) => void;
  readonly onRunFile: (file: File) => void;
}

/** The buttons that read a model .zip or a run .json back (each opens its own hidden file input). */
export function ImportBackControls({ busy, modelDisabled, onModelFile, onRunFile }: Props) {
  const modelInput = useRef<HTMLInputElement>(null);
  const runInput = useRef<HTMLInputElement>(null);

  return (
    <ExportGroup title="Import">
      <button
        type="button"
        disabled={busy !== null || modelDisabled}
        data-testid="import-model"
        title="A model .zip exported by recplay, for the same data"
        onClick={() => modelInput.current?.click()}
      >
        {busy === 'import-model' ? 'Importing…' : 'Model (.zip)…'}
      </button>
      <button
        type="button"
        disabled={busy !== null}
        data-testid="import-run"
        title="A run .json exported by recplay: added to the run comparison"
        onClick={() => runInput.current?.click()}
      >
        Run (.json)…
      </button>
      <input
        ref={modelInput}
        type="file"
        accept=".zip,application/zip"
        hidden
        data-testid="import-model-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onModelFile(f);
        }}
      />
      <input
        ref={runInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-run-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onRunFile(f);
        }}
      />
    </ExportGroup>
  );
}
