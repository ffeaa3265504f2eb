import type { ReactNode } from 'react';

/** One titled row of the export panel's buttons. */
export function ExportGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="export-group">
      <h3>{title}</h3>
      <div className="export-buttons">{children}</div>
    </div>
  );
}
