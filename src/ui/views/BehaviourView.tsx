import { useMemo, useState } from 'react';
import type { AttentionExplanation } from '../../engine/protocol';
import { BehaviourTimeline } from '../../viz/BehaviourTimeline';
import { categoryColour } from '../../viz/colour';
import {
  behaviourHeadSentence,
  behaviourHeads,
  equalLine,
  sortTimeline,
  timelineRows,
  weightDomain,
  type TimelineSort,
} from '../../viz/timelineData';
import { NEAR_UNIFORM } from '../../viz/uniformBaseline';

/** The sort select's values: 'time', 'mean', or a head index. */
function parseSort(v: string): TimelineSort {
  if (v === 'time') return { by: 'time' };
  if (v === 'mean') return { by: 'weight', head: 'mean' };
  return { by: 'weight', head: Number(v) };
}

/**
 * Behaviour attention (din, mmdin): for the chosen user and candidate, the user's past items as a timeline
 * with one weight bar per head, sortable by time or weight. Padding positions are never shown.
 */
export function BehaviourView({ explanation }: { explanation: AttentionExplanation }) {
  const [sort, setSort] = useState('time');
  const b = explanation.behaviour;
  const rows = useMemo(() => (b ? timelineRows(b) : []), [b]);
  const sorted = useMemo(() => sortTimeline(rows, parseSort(sort)), [rows, sort]);
  const domain = useMemo(() => weightDomain(rows), [rows]);
  const H = b?.shape[1] ?? 0;
  const heads = useMemo(() => behaviourHeads(rows, H, NEAR_UNIFORM), [rows, H]);
  if (!b) return <p className="hint">This model returned no behaviour attention.</p>;
  const ex = explanation.example;
  const candidateCategory = b.candidateCategory;
  return (
    <div className="behaviour-view" data-testid="behaviour-view">
      <div className="candidate">
        <span className="label">Candidate</span>{' '}
        {candidateCategory && (
          <>
            <span className="swatch" style={{ background: categoryColour(b.candidateCategoryToken) }} />
            <span>{candidateCategory}</span>{' '}
          </>
        )}
        <strong>{ex.itemTitle}</strong>
        <span className="hint">
          {' '}
          · predicted {ex.probability.toFixed(3)}
          {ex.label !== null && ` · actually ${ex.label === 1 ? 'liked' : 'not liked'}`}
        </span>
      </div>
      <div className="view-controls">
        <label className="inline-field">
          <span>Sort by</span>
          <select value={sort} data-testid="behaviour-sort" onChange={(e) => setSort(e.target.value)}>
            <option value="time">time (most recent first)</option>
            <option value="mean">mean weight over heads</option>
            {Array.from({ length: H }, (_, h) => (
              <option key={h} value={String(h)}>
                weight of head {h + 1}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">
          {b.normalised
            ? 'Weights of each head sum to 1 over the behaviours (softmax).'
            : 'Weights are not normalised (DIN keeps the intensity of interest): compare bars, not totals.'}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="hint" data-testid="behaviour-empty">
          This user has no behaviour before this item: pick another user or a later item.
        </p>
      ) : (
        <>
          <ul className="head-summaries" data-testid="behaviour-summary">
            {heads.map((s) => (
              <li key={s.head}>{behaviourHeadSentence(s, NEAR_UNIFORM)}</li>
            ))}
          </ul>
          <BehaviourTimeline rows={sorted} heads={H} domain={domain} equal={heads.map(equalLine)} />
          <p className="hint">
            The dashed line in each head is equal weighting: the weight every past item would get if the head
            weighed them all alike (the mean of its weights’ sizes). A bar well past it is a past item this
            head singles out for the candidate; bars all near it mean the head pools the history; a bar left
            of 0 counts against the candidate.
          </p>
        </>
      )}
    </div>
  );
}
