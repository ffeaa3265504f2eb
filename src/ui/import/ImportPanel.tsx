import type { LoadOutcome } from '../../engine/importProtocol';
import { DropZone } from './DropZone';
import { ImportError, ReadingProgress } from './ImportMessages';
import { MappingStep } from './MappingStep';
import { useImportFlow, type ImportApi } from './useImportFlow';

export type { ImportApi } from './useImportFlow';

interface Props {
  readonly api: ImportApi | null;
  readonly disabled: boolean;
  readonly onLoaded: (outcome: Extract<LoadOutcome, { type: 'ok' }>) => void;
  readonly onDemo: () => void;
  /** The demo dataset is the one loaded: going back to it would change nothing, so the button is not shown. */
  readonly demoLoaded: boolean;
}

/**
 * Bring your own data: pick or drop files (CSV/TSV, MovieLens, RecBole atomic files, `.npy`, or one `.zip`),
 * check the proposed mapping, choose the label rule and split, load. The current dataset stays in use until
 * the new one has loaded, and every problem is shown with its file, line, column and value.
 */
export function ImportPanel({ api, disabled, onLoaded, onDemo, demoLoaded }: Props) {
  const flow = useImportFlow(api, onLoaded);
  const { stage, error } = flow;

  return (
    <section className="card" aria-labelledby="import-h">
      <h2 id="import-h">Your data</h2>
      <DropZone disabled={disabled || flow.busy || !api} onFiles={(files) => void flow.read(files)} />
      {stage.step === 'reading' && <ReadingProgress progress={stage.progress} />}
      {error && stage.step !== 'mapping' && stage.step !== 'loading' && <ImportError error={error} />}
      {(stage.step === 'mapping' || stage.step === 'loading') && (
        <MappingStep
          draft={stage}
          loading={stage.step === 'loading'}
          error={error}
          split={flow.split}
          onSplit={flow.setSplit}
          onMapping={flow.editMapping}
          onLoad={() => void flow.load()}
          onCancel={flow.cancel}
          disabled={disabled}
        />
      )}
      {stage.step === 'idle' && !demoLoaded && (
        <button type="button" className="link" onClick={onDemo} disabled={disabled}>
          Back to the demo dataset
        </button>
      )}
    </section>
  );
}
