import type { ModalityGraphPayload } from '../contract/explain';

export interface GraphControlsProps {
  readonly payload: ModalityGraphPayload;
  /** Index of the graph shown. */
  readonly graph: number;
  readonly onGraph: (g: number) => void;
  /** The shown graph's smallest and largest edge weight. */
  readonly range: readonly [number, number];
  readonly minWeight: number;
  readonly onMinWeight: (w: number) => void;
  /** Edges kept at `minWeight`. */
  readonly edgeCount: number;
}

/** Which graph to show (each modality's with its mean attention ᾱ, and the fused one), and a weight floor. */
export function GraphControls(props: GraphControlsProps) {
  const { payload, graph, onGraph, range, minWeight, onMinWeight, edgeCount } = props;
  const weightOf = (name: string) => {
    const m = payload.modalities.indexOf(name);
    return m >= 0 && payload.modalityWeights ? payload.modalityWeights[m] : null;
  };
  return (
    <>
      <div role="group" aria-label="Graph" className="graph-toggle">
        {payload.graphs.map((gr, k) => {
          const w = weightOf(gr.name);
          return (
            <button
              key={gr.name}
              type="button"
              aria-pressed={k === graph}
              className={k === graph ? 'tab on' : 'tab'}
              data-testid="graph-toggle"
              onClick={() => onGraph(k)}
              title={w !== null ? `mean attention ᾱ = ${w.toFixed(2)}` : undefined}
            >
              {gr.name}
              {w !== null && <span className="weight"> ᾱ {w.toFixed(2)}</span>}
            </button>
          );
        })}
      </div>
      <label className="inline-field">
        <span>Min weight</span>
        <input
          type="range"
          min={range[0]}
          max={range[1]}
          step={(range[1] - range[0]) / 50 || 0.01}
          value={Math.max(range[0], minWeight)}
          onChange={(e) => onMinWeight(Number(e.target.value))}
          data-testid="graph-threshold"
          aria-valuetext={minWeight.toFixed(2)}
        />
        <span className="hint">{edgeCount.toLocaleString('en')} edges</span>
      </label>
    </>
  );
}
