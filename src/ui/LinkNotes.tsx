import type { ExperimentState } from './useExperiment';

/** What the opened link said: fields that fell back, and the upload it was made with (and whether it matched). */
export function LinkNotes({ experiment: e }: { experiment: ExperimentState }) {
  const { warnings } = e.link;
  const { linkData, linkDataCheck } = e;
  if (warnings.length === 0 && !linkData && !linkDataCheck) return null;
  return (
    <div className="link-notes" role="status" data-testid="link-notes">
      {warnings.map((w) => (
        <p key={w}>{w}</p>
      ))}
      {linkData && (
        <p>
          This link was made with your own data, <strong>{linkData.name}</strong> (content {linkData.hash}).
          Load the same files under <em>Your data</em> to reproduce it; its model and settings are applied
          already.
        </p>
      )}
      {linkDataCheck && <p>{linkDataCheck}</p>}
    </div>
  );
}
