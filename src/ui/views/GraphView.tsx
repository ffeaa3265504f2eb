import { useState } from 'react';
import { ModalityGraph } from '../../viz/ModalityGraph';
import type { ExplainApi } from './explainApi';
import { useExplain } from './useExplain';
import { ExplainStatus } from './ExplainStatus';

export interface GraphViewProps {
  readonly explainGraph: ExplainApi['explainGraph'];
  readonly runId: number;
  readonly version: string;
  readonly selectedItem: number | null;
  readonly onSelectItem: (item: number | null) => void;
}

const KS = [5, 10, 20];

/** tmfun's item–item graphs per modality and fused, from the worker's top-k endpoint. */
export function GraphView({ explainGraph, runId, version, selectedItem, onSelectItem }: GraphViewProps) {
  const [k, setK] = useState(10);
  const state = useExplain(() => explainGraph({ runId, k }), `${runId}|${k}|${version}`, runId > 0);
  return (
    <div data-testid="graph-view">
      <div className="view-controls">
        <label className="inline-field">
          <span>Neighbours per item</span>
          <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="graph-k">
            {KS.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {state.pending && <span className="hint">Reading the graphs…</span>}
      </div>
      <ExplainStatus message={state.message} waiting={false} />
      {state.data && <ModalityGraph payload={state.data} selected={selectedItem} onSelect={onSelectItem} />}
    </div>
  );
}
