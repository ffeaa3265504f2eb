import { useState } from 'react';
import { categoryColour } from '../../viz/colour';
import { SequenceAttention } from '../../viz/SequenceAttention';
import { ratioText } from '../../viz/uniformBaseline';
import { SearchBox } from './ExamplePicker';
import { ExplainStatus } from './ExplainStatus';
import type { SequenceApi } from './explainApi';
import type { AttentionApi } from './useAttention';
import { useExplain } from './useExplain';

export interface SequenceViewProps {
  readonly api: SequenceApi & AttentionApi;
  readonly runId: number;
  readonly version: string;
  /** The shared example's user (null: the first user with validation items). */
  readonly user: number | null;
  readonly onPickUser: (user: number) => void;
}

/**
 * Which of a user's past items made the recommendations (sasrec): the user's training sequence, the causal
 * attention of every block and head over it, the items scored from its last position, and the past items
 * that last position attends to most against uniform.
 */
export function SequenceView(props: SequenceViewProps) {
  const { api, runId, version, user } = props;
  const [pick, setPick] = useState<{ layer: number; head: number } | null>(null);
  const state = useExplain(
    () => api.explainSequence({ runId, user, k: 10 }),
    `${runId}|${user ?? 'first'}|${version}`,
    runId > 0,
  );
  const p = state.data;
  const [L, H] = p ? p.attention.shape : [0, 0];
  const layer = Math.min(pick?.layer ?? L - 1, Math.max(0, L - 1));
  const head = Math.min(pick?.head ?? 0, Math.max(0, H - 1));
  const n = p ? p.items.length : 0;
  return (
    <div data-testid="sequence-view">
      <div className="view-controls">
        <SearchBox
          api={api}
          kind="user"
          label="User"
          placeholder="id, e.g. u17"
          onPick={(h) => props.onPickUser(h.index)}
        />
        {p && (
          <span className="hint" data-testid="sequence-user">
            user <strong>{p.userKey}</strong> · their last {n} training items, oldest first ·
            {state.pending ? ' updating…' : ' hover an item to see what it looks at'}
          </span>
        )}
      </div>
      <ExplainStatus message={state.message} waiting={!p} waitingText="Reading the attention…" />
      {p && (
        <>
          <SequenceAttention
            items={p.items}
            data={p.attention.data}
            shape={p.attention.shape}
            layer={layer}
            head={head}
            onPickHead={(l, h) => setPick({ layer: l, head: h })}
          />
          <div className="sequence-why" data-testid="sequence-why">
            <h4>Why these recommendations</h4>
            <p className="hint">
              Every item is scored from the last position ({n}. {p.items[n - 1].title}), which reads the
              earlier items through attention. In the last block, averaged over its {H} head{H > 1 ? 's' : ''}
              , it looks most at (uniform would be 1/{n} each):
            </p>
            {p.why.length > 0 ? (
              <ol>
                {p.why.slice(0, 8).map((w) => (
                  <li key={w.position}>
                    <i
                      className="swatch"
                      style={{ background: categoryColour(p.items[w.position].categoryToken) }}
                    />{' '}
                    {w.position + 1}. {p.items[w.position].title} — {w.weight.toFixed(3)} (
                    {ratioText(w.weight, n)})
                  </li>
                ))}
              </ol>
            ) : (
              <p className="hint">
                No past item stands out: the last position spreads its attention about evenly.
              </p>
            )}
            <h4>Recommended (training items left out)</h4>
            <ol className="sequence-recs" data-testid="sequence-recs">
              {p.recommendations.map((r) => (
                <li key={r.item}>
                  <i className="swatch" style={{ background: categoryColour(r.categoryToken) }} /> {r.title}
                  {r.category ? <span className="hint"> · {r.category}</span> : null}
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
    </div>
  );
}
