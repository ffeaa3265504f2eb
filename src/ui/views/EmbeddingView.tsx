import { useState } from 'react';
import { EmbeddingMap } from '../../viz/EmbeddingMap';
import type { ExplainApi } from './explainApi';
import { useExplain } from './useExplain';
import { ExplainStatus } from './ExplainStatus';

export interface EmbeddingViewProps {
  readonly api: ExplainApi;
  readonly runId: number;
  /** Changes after every epoch and at the end of the run: the map is read again. */
  readonly version: string;
  readonly selectedItem: number | null;
  readonly selectedUser: number | null;
  readonly onSelectItem: (item: number) => void;
  readonly onSelectUser: (user: number) => void;
}

/** The embedding map of a run: its item (or user) embeddings, PCA to 2-D. */
export function EmbeddingView(props: EmbeddingViewProps) {
  const { api, runId, version } = props;
  const [kind, setKind] = useState<'item' | 'user'>('item');
  const state = useExplain(() => api.embeddingMap({ runId, kind }), `${runId}|${kind}|${version}`, runId > 0);
  const map = state.data && state.data.kind === kind ? state.data : null;
  return (
    <div data-testid="embedding-view">
      <div className="view-controls">
        <div role="group" aria-label="Embeddings of" className="graph-toggle">
          {(['item', 'user'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className={k === kind ? 'tab on' : 'tab'}
              aria-pressed={k === kind}
              onClick={() => setKind(k)}
              data-testid="map-kind"
            >
              {k === 'item' ? 'Items' : 'Users'}
            </button>
          ))}
        </div>
        <span className="hint">
          The model’s {kind}_id embeddings, projected on their two principal components.
          {state.pending ? ' Reading…' : ''}
        </span>
      </div>
      <ExplainStatus message={state.message} waiting={!map} waitingText="Reading the embeddings…" />
      {map && (
        <EmbeddingMap
          payload={map}
          selected={kind === 'item' ? props.selectedItem : props.selectedUser}
          onSelect={kind === 'item' ? props.onSelectItem : props.onSelectUser}
        />
      )}
    </div>
  );
}
