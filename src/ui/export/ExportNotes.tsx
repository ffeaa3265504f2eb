import type { ModelImportOutcome } from '../../engine/exportProtocol';
import { fmtMetric } from '../format';
import type { Note } from './useExportJob';

interface Props {
  readonly imported: Extract<ModelImportOutcome, { type: 'ok' }> | null;
  readonly busy: string | null;
  readonly note: Note;
}

/** Below the buttons: how an imported model scores here, that a job is under way, and how the last one went. */
export function ExportNotes({ imported, busy, note }: Props) {
  return (
    <>
      {imported && (
        <p className="imported-model" data-testid="imported-model">
          Imported {imported.modelId} (trained on {imported.trainedOn}): test AUC{' '}
          <strong>{fmtMetric(imported.test.auc)}</strong> · GAUC {fmtMetric(imported.test.gauc)} · logloss{' '}
          {fmtMetric(imported.test.logloss)}
          {imported.savedTest?.auc != null && <> (the file says AUC {fmtMetric(imported.savedTest.auc)})</>}
        </p>
      )}
      {/* The top-K and model-import buttons say so themselves. */}
      {busy && busy !== 'topk' && busy !== 'import-model' && <p className="hint">Preparing…</p>}
      {note &&
        (note.kind === 'error' ? (
          <p className="error" role="alert" data-testid="export-note">
            {note.text}
          </p>
        ) : (
          <p className="hint" role="status" data-testid="export-note">
            {note.text}
          </p>
        ))}
    </>
  );
}
