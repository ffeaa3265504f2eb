import { useState } from 'react';
import type { DataMapping, ImportIssue } from '../../data/import/types';
import type { SplitConfig } from '../../data/split';
import {
  DEFAULT_SPLIT_CONFIG,
  type FilePreview,
  type ImportProgress,
  type LoadOutcome,
} from '../../engine/importProtocol';
import type { WorkerApi } from '../../engine/protocol';
import { oversizeIssue } from './importChecks';

/** The worker calls of the import flow (a slice of `WorkerApi`). */
export type ImportApi = Pick<WorkerApi, 'readImport' | 'loadImport'>;

/** The files as read, with the mapping the user is checking. */
export interface MappingDraft {
  readonly files: readonly FilePreview[];
  readonly mapping: DataMapping;
  readonly recognized: boolean;
  readonly issues: readonly ImportIssue[];
}

/** idle → reading → mapping ⇄ loading → idle; an error returns to idle (reading) or mapping (loading). */
export type ImportStage =
  | { step: 'idle' }
  | { step: 'reading'; progress: ImportProgress | null }
  | ({ step: 'mapping' } & MappingDraft)
  | ({ step: 'loading' } & MappingDraft);

/**
 * The import's state machine: reading files in the worker, the mapping the user edits, loading the dataset.
 * The current dataset stays in use until `onLoaded`; every failure lands in `error`.
 */
export function useImportFlow(
  api: ImportApi | null,
  onLoaded: (outcome: Extract<LoadOutcome, { type: 'ok' }>) => void,
) {
  const [stage, setStage] = useState<ImportStage>({ step: 'idle' });
  const [error, setError] = useState<ImportIssue | null>(null);
  const [split, setSplit] = useState<SplitConfig>(DEFAULT_SPLIT_CONFIG);
  const busy = stage.step === 'reading' || stage.step === 'loading';

  async function read(list: FileList | null) {
    if (!api || !list || list.length === 0) return;
    const files = Array.from(list);
    const tooBig = oversizeIssue(files);
    if (tooBig) {
      setError(tooBig);
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

  /** The user's edit of the mapping; ignored while loading. */
  function editMapping(mapping: DataMapping) {
    if (stage.step === 'mapping') setStage({ ...stage, mapping });
  }

  return {
    stage,
    error,
    split,
    setSplit,
    busy,
    read,
    load,
    editMapping,
    cancel: () => setStage({ step: 'idle' }),
  };
}
