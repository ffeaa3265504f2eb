/** What the import step reports: reading progress, the error that stopped it, warnings while reading. */
import { formatIssue, type ImportIssue } from '../../data/import/types';
import type { ImportProgress } from '../../engine/importProtocol';

export function ReadingProgress({ progress }: { progress: ImportProgress | null }) {
  return (
    <p className="hint" role="status">
      Reading {progress ? `${progress.file}: ${Math.round(progress.fraction * 100)} %` : '…'}
      {progress && <progress max={1} value={progress.fraction} />}
    </p>
  );
}

export function ImportError({ error }: { error: ImportIssue }) {
  return (
    <div className="error" role="alert" data-testid="import-error">
      <strong>Could not load {error.file}.</strong> {formatIssue(error)}
      <div className="hint">The dataset you had is still loaded.</div>
    </div>
  );
}

/** The first 20 warnings, folded away. */
export function ReadWarnings({ issues }: { issues: readonly ImportIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <details className="warnings">
      <summary>{issues.length} warnings while reading</summary>
      <ul>
        {issues.slice(0, 20).map((i, k) => (
          <li key={k}>{formatIssue(i)}</li>
        ))}
      </ul>
    </details>
  );
}
