import { useState, type DragEvent } from 'react';
import {
  formatIssue,
  IMPORT_LIMITS,
  type DataMapping,
  type ImportIssue,
  type LabelRule,
} from '../../data/import/types';
import type { SplitConfig } from '../../data/split';
import {
  DEFAULT_SPLIT_CONFIG,
  type FilePreview,
  type ImportProgress,
  type LoadOutcome,
  type ReadOutcome,
} from '../../engine/importProtocol';
import { MappingEditor } from './MappingEditor';

export interface ImportApi {
  readImport(files: readonly File[], onProgress: (p: ImportProgress) => void): Promise<ReadOutcome>;
  loadImport(mapping: DataMapping, split: SplitConfig): Promise<LoadOutcome>;
}

type Stage =
  | { step: 'idle' }
  | { step: 'reading'; progress: ImportProgress | null }
  | {
      step: 'mapping';
      files: readonly FilePreview[];
      mapping: DataMapping;
      recognized: boolean;
      issues: readonly ImportIssue[];
    }
  | {
      step: 'loading';
      files: readonly FilePreview[];
      mapping: DataMapping;
      recognized: boolean;
      issues: readonly ImportIssue[];
    };

interface Props {
  readonly api: ImportApi | null;
  readonly disabled: boolean;
  readonly onLoaded: (outcome: Extract<LoadOutcome, { type: 'ok' }>) => void;
  readonly onDemo: () => void;
}

const MB = 1024 * 1024;

/**
 * Bring your own data: pick or drop files (CSV/TSV, MovieLens, RecBole atomic files, `.npy`, or one `.zip`),
 * check the proposed mapping, choose the label rule and split, load. The current dataset stays in use until
 * the new one has loaded, and every problem is shown with its file, line, column and value.
 */
export function ImportPanel({ api, disabled, onLoaded, onDemo }: Props) {
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [error, setError] = useState<ImportIssue | null>(null);
  const [split, setSplit] = useState<SplitConfig>(DEFAULT_SPLIT_CONFIG);
  const [dragging, setDragging] = useState(false);
  const busy = stage.step === 'reading' || stage.step === 'loading';

  async function read(list: FileList | null) {
    if (!api || !list || list.length === 0) return;
    const files = Array.from(list);
    const tooBig = files.find((f) => f.size > IMPORT_LIMITS.maxFileBytes);
    if (tooBig) {
      setError({
        severity: 'fatal',
        file: tooBig.name,
        message: `The file is ${(tooBig.size / MB).toFixed(0)} MB; the limit is ${IMPORT_LIMITS.maxFileBytes / MB} MB per file.`,
      });
      return;
    }
    setError(null);
    setStage({ step: 'reading', progress: null });
    try {
      // Progress messages travel on their own port and may land after the result: only a reading stage takes them.
      const out = await api.readImport(files, (progress) =>
        setStage((s) => (s.step === 'reading' ? { step: 'reading', progress } : s)),
      );
      if (out.type === 'error') {
        setError(out.issue);
        setStage({ step: 'idle' });
      } else {
        setStage({
          step: 'mapping',
          files: out.files,
          mapping: out.mapping,
          recognized: out.recognized,
          issues: out.issues,
        });
      }
    } catch (e) {
      setError({ severity: 'fatal', file: files.map((f) => f.name).join(', '), message: String(e) });
      setStage({ step: 'idle' });
    }
  }

  async function load() {
    if (!api || stage.step !== 'mapping') return;
    setError(null);
    setStage({ ...stage, step: 'loading' });
    try {
      const out = await api.loadImport(stage.mapping, split);
      if (out.type === 'error') {
        setError(out.issue);
        setStage({ ...stage, step: 'mapping' });
      } else {
        onLoaded(out);
        setStage({ step: 'idle' });
      }
    } catch (e) {
      setError({
        severity: 'fatal',
        file: stage.files.map((f) => f.fileName).join(', '),
        message: String(e),
      });
      setStage({ ...stage, step: 'mapping' });
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!disabled && !busy) void read(e.dataTransfer.files);
  };

  return (
    <section className="card" aria-labelledby="import-h">
      <h2 id="import-h">Your data</h2>
      <label
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          multiple
          data-testid="file-input"
          disabled={disabled || busy || !api}
          accept=".csv,.tsv,.txt,.dat,.data,.item,.user,.inter,.zip,.npy,text/csv"
          onChange={(e) => {
            void read(e.target.files);
            e.target.value = '';
          }}
        />
        <span>
          <strong>Drop files</strong> or click to choose: an interaction CSV, MovieLens (u.data + u.item +
          u.user, ratings.csv + movies.csv), RecBole atomic files, .npy feature matrices, or one .zip.
        </span>
        <span className="hint">
          Up to {IMPORT_LIMITS.maxFileBytes / MB} MB a file, {IMPORT_LIMITS.maxRows.toLocaleString('en-US')}{' '}
          rows. Read in this tab only.
        </span>
      </label>
      {stage.step === 'reading' && (
        <p className="hint" role="status">
          Reading{' '}
          {stage.progress ? `${stage.progress.file}: ${Math.round(stage.progress.fraction * 100)} %` : '…'}
          {stage.progress && <progress max={1} value={stage.progress.fraction} />}
        </p>
      )}
      {error && stage.step !== 'mapping' && stage.step !== 'loading' && (
        <div className="error" role="alert" data-testid="import-error">
          <strong>Could not load {error.file}.</strong> {formatIssue(error)}
          <div className="hint">The dataset you had is still loaded.</div>
        </div>
      )}
      {(stage.step === 'mapping' || stage.step === 'loading') && (
        <div className="modal-backdrop">
          <div className="import-step modal" role="dialog" aria-modal="true" aria-labelledby="import-step-h">
            <h2 id="import-step-h">Load your data</h2>
            {error && (
              <div className="error" role="alert" data-testid="import-error">
                <strong>Could not load {error.file}.</strong> {formatIssue(error)}
                <div className="hint">The dataset you had is still loaded.</div>
              </div>
            )}
            <p>
              {stage.recognized ? (
                <>
                  Recognised: <strong data-testid="format-name">{stage.mapping.formatName}</strong>. Check and
                  load.
                </>
              ) : (
                <>Tell us what each column holds (our guesses are filled in):</>
              )}
            </p>
            <MappingEditor
              files={stage.files}
              mapping={stage.mapping}
              disabled={stage.step === 'loading'}
              onChange={(mapping) => stage.step === 'mapping' && setStage({ ...stage, mapping })}
            />
            {stage.issues.length > 0 && (
              <details className="warnings">
                <summary>{stage.issues.length} warnings while reading</summary>
                <ul>
                  {stage.issues.slice(0, 20).map((i, k) => (
                    <li key={k}>{formatIssue(i)}</li>
                  ))}
                </ul>
              </details>
            )}
            <LabelRuleEditor
              rule={stage.mapping.label}
              disabled={stage.step === 'loading'}
              onChange={(label) =>
                stage.step === 'mapping' && setStage({ ...stage, mapping: { ...stage.mapping, label } })
              }
            />
            <SplitEditor split={split} onChange={setSplit} disabled={stage.step === 'loading'} />
            <div className="buttons">
              <button
                type="button"
                className="primary"
                onClick={load}
                disabled={stage.step === 'loading' || disabled}
              >
                {stage.step === 'loading' ? 'Loading…' : 'Load dataset'}
              </button>
              <button
                type="button"
                onClick={() => setStage({ step: 'idle' })}
                disabled={stage.step === 'loading'}
              >
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
      {stage.step === 'idle' && (
        <button type="button" className="link" onClick={onDemo} disabled={disabled}>
          Back to the demo dataset
        </button>
      )}
    </section>
  );
}

function LabelRuleEditor(props: { rule: LabelRule; onChange: (r: LabelRule) => void; disabled: boolean }) {
  const { rule, onChange, disabled } = props;
  return (
    <fieldset className="inline-form" disabled={disabled}>
      <legend>Label</legend>
      <select
        aria-label="Label rule"
        value={rule.kind}
        onChange={(e) => {
          const kind = e.target.value as LabelRule['kind'];
          onChange(
            kind === 'threshold'
              ? { kind, threshold: 4 }
              : kind === 'implicit'
                ? { kind, ratio: 4, seed: 42 }
                : { kind: 'column' },
          );
        }}
      >
        <option value="threshold">rating ≥ threshold is positive</option>
        <option value="column">a 0/1 label column</option>
        <option value="implicit">implicit: every row positive, sample negatives</option>
      </select>
      {rule.kind === 'threshold' && (
        <label>
          threshold{' '}
          <input
            type="number"
            step="any"
            value={rule.threshold}
            onChange={(e) =>
              Number.isFinite(e.target.valueAsNumber) &&
              onChange({ ...rule, threshold: e.target.valueAsNumber })
            }
          />
        </label>
      )}
      {rule.kind === 'implicit' && (
        <>
          <label>
            negatives per positive{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={rule.ratio}
              onChange={(e) =>
                Number.isInteger(e.target.valueAsNumber) &&
                e.target.valueAsNumber >= 1 &&
                e.target.valueAsNumber <= 50 &&
                onChange({ ...rule, ratio: e.target.valueAsNumber })
              }
            />
          </label>
          <label>
            seed{' '}
            <input
              type="number"
              value={rule.seed}
              onChange={(e) =>
                Number.isInteger(e.target.valueAsNumber) &&
                onChange({ ...rule, seed: e.target.valueAsNumber })
              }
            />
          </label>
        </>
      )}
    </fieldset>
  );
}

function SplitEditor(props: { split: SplitConfig; onChange: (s: SplitConfig) => void; disabled: boolean }) {
  const { split, onChange, disabled } = props;
  const ratios = split.ratios ?? [8, 1, 1];
  return (
    <fieldset className="inline-form" disabled={disabled}>
      <legend>Split</legend>
      <select
        aria-label="Split method"
        value={split.method}
        onChange={(e) => onChange({ ...split, method: e.target.value as SplitConfig['method'] })}
      >
        <option value="chronological">per user, by time</option>
        <option value="leaveLastOut">per user, leave last out</option>
        <option value="random">per user, random (seeded)</option>
      </select>
      {split.method !== 'leaveLastOut' && (
        <label>
          ratio{' '}
          <input
            type="text"
            aria-label="Split ratio train:valid:test"
            defaultValue={ratios.join(':')}
            onBlur={(e) => {
              const parts = e.target.value.split(/[:/,\s]+/).map(Number);
              if (parts.length === 3 && parts.every((p) => Number.isFinite(p) && p >= 0) && parts[0] > 0) {
                onChange({ ...split, ratios: [parts[0], parts[1], parts[2]] });
              }
            }}
          />
        </label>
      )}
      <label>
        users with fewer than{' '}
        <input
          type="number"
          min={0}
          max={1000}
          value={split.minInteractions ?? 0}
          onChange={(e) =>
            Number.isInteger(e.target.valueAsNumber) &&
            onChange({ ...split, minInteractions: e.target.valueAsNumber })
          }
        />{' '}
        rows:
      </label>
      <select
        aria-label="Users with too few interactions"
        value={split.fewInteractions ?? 'trainOnly'}
        onChange={(e) => onChange({ ...split, fewInteractions: e.target.value as 'drop' | 'trainOnly' })}
      >
        <option value="trainOnly">keep in train only</option>
        <option value="drop">drop</option>
      </select>
    </fieldset>
  );
}
