import type { DataMapping, ImportIssue } from '../../data/import/types';
import type { SplitConfig } from '../../data/split';
import { ImportError, MappingNotes, ReadWarnings } from './ImportMessages';
import { LabelRuleEditor } from './LabelRuleEditor';
import { MappingEditor } from './MappingEditor';
import { mappingNotes } from './mappingNotes';
import { SplitEditor } from './SplitEditor';
import type { MappingDraft } from './useImportFlow';

interface Props {
  readonly draft: MappingDraft;
  /** The dataset is loading: nothing can be changed. */
  readonly loading: boolean;
  readonly error: ImportIssue | null;
  readonly split: SplitConfig;
  readonly onSplit: (split: SplitConfig) => void;
  readonly onMapping: (mapping: DataMapping) => void;
  readonly onLoad: () => void;
  readonly onCancel: () => void;
  /** Loading is refused (a run is training). */
  readonly disabled: boolean;
}

/** The modal step between reading and loading: check the mapping, the label rule and the split, then load. */
export function MappingStep({
  draft,
  loading,
  error,
  split,
  onSplit,
  onMapping,
  onLoad,
  onCancel,
  disabled,
}: Props) {
  return (
    <div className="modal-backdrop">
      <div className="import-step modal" role="dialog" aria-modal="true" aria-labelledby="import-step-h">
        <h2 id="import-step-h">Load your data</h2>
        {error && <ImportError error={error} />}
        <p>
          {draft.recognized ? (
            <>
              Recognised: <strong data-testid="format-name">{draft.mapping.formatName}</strong>. Check and
              load.
            </>
          ) : (
            <>Tell us what each column holds (our guesses are filled in):</>
          )}
        </p>
        <MappingEditor files={draft.files} mapping={draft.mapping} disabled={loading} onChange={onMapping} />
        <ReadWarnings issues={draft.issues} />
        <LabelRuleEditor
          rule={draft.mapping.label}
          disabled={loading}
          onChange={(label) => onMapping({ ...draft.mapping, label })}
        />
        <MappingNotes notes={mappingNotes(draft.files, draft.mapping)} />
        <SplitEditor split={split} onChange={onSplit} disabled={loading} />
        <div className="buttons">
          <button type="button" className="primary" onClick={onLoad} disabled={loading || disabled}>
            {loading ? 'Loading…' : 'Load dataset'}
          </button>
          <button type="button" onClick={onCancel} disabled={loading}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
