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

/**
 * What the mapping as it stands will do to the rating and label columns (see `mappingNotes`), shown openly
 * and updated as the user edits the roles and the label rule.
 */
export function MappingNotes({ notes }: { notes: readonly ImportIssue[] }) {
  return (
    <div aria-live="polite" data-testid="mapping-notes">
      {notes.length > 0 && (
        <ul className="warnings">
          {notes.map((n, k) => (
            <li key={k}>
              {n.severity === 'fatal' && <strong>Nothing to load: </strong>}
              {formatIssue(n)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
