import { useState } from 'react';
import { RecommendationList } from '../../viz/RecommendationList';
import { modelsWith } from './capabilities';
import { SearchBox } from './ExamplePicker';
import type { ExplainApi } from './explainApi';
import { useExplain } from './useExplain';
import type { AttentionApi } from './useAttention';
import { ExplainStatus } from './ExplainStatus';

export interface RecommendationsViewProps {
  readonly api: ExplainApi & AttentionApi;
  readonly runId: number;
  readonly version: string;
  /** The shared example's user (null: the first validation row's user). */
  readonly user: number | null;
  readonly selectedItem: number | null;
  readonly onPickUser: (user: number) => void;
  /** An item clicked in the list, with the user it was recommended to. */
  readonly onPickItem: (item: number, user: number) => void;
}

const SIZES = [5, 10, 20, 50];

/** A user's top-K items by the run's model (training items left out), with the reasons it has. */
export function RecommendationsView(props: RecommendationsViewProps) {
  const { api, runId, version, user } = props;
  const [k, setK] = useState(10);
  const state = useExplain(
    () => api.recommend({ runId, user, k }),
    `${runId}|${user ?? 'first'}|${k}|${version}`,
    runId > 0,
  );
  const recs = state.data;
  return (
    <div data-testid="recs-view">
      <div className="view-controls">
        <SearchBox
          api={api}
          kind="user"
          label="User"
          placeholder="id, e.g. u17"
          onPick={(h) => props.onPickUser(h.index)}
        />
        <label className="inline-field">
          <span>Top</span>
          <select value={k} onChange={(e) => setK(Number(e.target.value))} data-testid="recs-k">
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        {recs && (
          <span className="hint" data-testid="recs-user">
            for user <strong>{recs.userKey}</strong> · every item scored, the user’s training items left out
            {state.pending ? ' · updating…' : ''}
          </span>
        )}
      </div>
      <ExplainStatus message={state.message} waiting={!recs} waitingText="Scoring every item…" />
      {recs && (
        <>
          <RecommendationList
            payload={recs}
            onPick={(item) => props.onPickItem(item, recs.user)}
            selected={props.selectedItem}
          />
          {recs.reasonKind === 'none' && (
            <p className="hint">
              This model has no attention or item graph to say why;{' '}
              {[...modelsWith('heads'), ...modelsWith('behaviour')].join(', ')} (attention) and{' '}
              {modelsWith('graph').join(', ')} (item-graph neighbours) do.
            </p>
          )}
        </>
      )}
    </div>
  );
}
