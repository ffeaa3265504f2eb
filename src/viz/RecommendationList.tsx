import { categoryColour } from './colour';
import type { RecommendationsPayload } from '../contract/explain';

export interface RecommendationListProps {
  readonly payload: RecommendationsPayload;
  /** Called with an item's dense index when its title is clicked (selects it in the other views). */
  readonly onPick?: (item: number) => void;
  /** The item selected in the other views, highlighted. */
  readonly selected?: number | null;
}

const REASON_HEAD: Record<RecommendationsPayload['reasonKind'], string> = {
  behaviours: 'Because of (behaviour attention)',
  fields: 'Driven by (field attention)',
  neighbours: 'Near (item graph)',
  none: '',
};

/** The score column's head, by what the score is, with what it means on hover. */
const SCORE_HEAD: Record<RecommendationsPayload['scoreKind'], { label: string; title: string }> = {
  probability: { label: 'Predicted like', title: 'The predicted probability that this user likes the item' },
  score: { label: 'Ranking score', title: 'Ranking score: higher ranks first; not a probability' },
};

/** "20 nearest items", or "nearest items" when the payload does not say how many were looked through. */
const nearest = (n: number | undefined) => (n === undefined ? 'nearest items' : `${n} nearest items`);

/** "1.25× equal weight": the margin a listed attention reason clears, in words. */
const marginText = (m: number) => `${m}× its equal share`;

/** Why an item's reasons cell is empty: said in the cell, so that a blank never reads as missing data. */
function noReasons({ reasonKind, neighboursSearched, reasonMargin, historyLength }: RecommendationsPayload): {
  short: string;
  long: string;
} {
  switch (reasonKind) {
    case 'neighbours':
      return {
        short: '—',
        long: `None of its ${nearest(neighboursSearched)} in the item graph is one this user trained on`,
      };
    case 'behaviours':
      if (historyLength === 0 || reasonMargin === undefined)
        return { short: '—', long: 'This user has no past items to attend to' };
      return {
        short: 'no past item stands out',
        long:
          `The attention weighs this user's ${historyLength} past items about equally for this item: ` +
          `none weighs ${marginText(reasonMargin)} (the mean size of the weights) or more`,
      };
    case 'fields':
      if (reasonMargin === undefined) return { short: '—', long: 'No attention to show for this item' };
      return {
        short: 'no field stands out',
        long:
          `The attention is about uniform for this item: no field or pair weighs ${marginText(reasonMargin)} ` +
          `(1/n of the n attended) or more`,
      };
    default:
      return { short: '—', long: 'No attention to show for this item' };
  }
}

/** A reason's figure: its ratio to equal weighting where it has one ("2.4×"), else its weight. */
function reasonFigure(x: RecommendationsPayload['items'][number]['reasons'][number]): {
  text: string;
  title: string;
} {
  if (x.ratio === undefined)
    return { text: x.weight.toFixed(3), title: `${x.label}: ${x.weight.toFixed(4)}` };
  return {
    text: `${x.ratio >= 10 ? x.ratio.toFixed(0) : x.ratio.toFixed(1)}×`,
    title: `${x.label}: weight ${x.weight.toFixed(4)}, ${x.ratio.toFixed(2)}× its equal share`,
  };
}

/** A stable colour per category name (the payload has names only): hashed into the category palette. */
function nameColour(name: string): string {
  if (!name) return categoryColour(-1);
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return categoryColour(Math.abs(h));
}

/**
 * A user's top-K items: rank, category, title, the model's score with a bar (a ctr model's predicted
 * probability of a like; a top-k model's ranking score, which is no probability), and (where the model has
 * attention or a graph) the reasons with their weights, an empty cell saying why it is. Notes under the table
 * say once what a ranking score and the item-graph column mean. Strings from the data are text, never markup.
 */
export function RecommendationList({ payload, onPick, selected = null }: RecommendationListProps) {
  const { items, reasonKind, scoreKind } = payload;
  if (items.length === 0) {
    return <p className="hint">No items left to recommend: this user has seen them all in training.</p>;
  }
  const top = Math.max(...items.map((r) => r.score), 1e-9);
  const head = SCORE_HEAD[scoreKind];
  // Attention reasons measured against equal weighting (the payload says by how much they must stand out).
  // What an empty reasons cell says: the same for every row of the payload.
  const empty = noReasons(payload);
  const ratioReasons =
    (reasonKind === 'behaviours' || reasonKind === 'fields') && payload.reasonMargin !== undefined;
  return (
    <>
      <table className="recs-table" data-testid="recs-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Item</th>
            <th scope="col" title={head.title}>
              {head.label}
            </th>
            {reasonKind !== 'none' && <th scope="col">{REASON_HEAD[reasonKind]}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((r, k) => (
            <tr
              key={r.item}
              data-testid="rec-row"
              className={r.item === selected ? 'picked' : undefined}
              // The highlight is colour only: screen readers hear "current" instead.
              aria-current={r.item === selected ? 'true' : undefined}
            >
              <td className="num">{k + 1}</td>
              <td>
                {r.category && (
                  <>
                    <span
                      className="swatch"
                      style={{
                        background:
                          r.categoryToken !== undefined
                            ? categoryColour(r.categoryToken)
                            : nameColour(r.category),
                      }}
                    />{' '}
                    <span className="hint">{r.category}</span>{' '}
                  </>
                )}
                {onPick ? (
                  <button
                    type="button"
                    className="rec-item"
                    onClick={() => onPick(r.item)}
                    title="Select this item in the other views"
                  >
                    {r.title}
                  </button>
                ) : (
                  r.title
                )}{' '}
                {r.title !== r.key && <span className="hint">({r.key})</span>}
              </td>
              <td className="num">
                {r.score.toFixed(3)}
                <span
                  className="score-bar"
                  // A ranking score can be negative: no bar then.
                  style={{ width: `${Math.max(0, (60 * r.score) / top)}px` }}
                  aria-hidden="true"
                />
              </td>
              {reasonKind !== 'none' && (
                <td>
                  {r.reasons.length > 0 ? (
                    <ul className="reasons" data-testid="rec-reasons">
                      {r.reasons.map((x, j) => {
                        const fig = reasonFigure(x);
                        return (
                          <li key={j} title={fig.title}>
                            {x.label} <span className="hint">{fig.text}</span>
                          </li>
                        );
                      })}
                    </ul>
                  ) : (
                    <abbr className="no-reasons" title={empty.long} data-testid="rec-no-reasons">
                      {empty.short}
                    </abbr>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {(scoreKind === 'score' || reasonKind === 'neighbours' || ratioReasons) && (
        <ul className="hint recs-notes" data-testid="recs-notes">
          {scoreKind === 'score' && (
            <li>
              <strong>Ranking score</strong>: how the model orders items for this user, on its own scale (a
              dot product of user and item embeddings, a sum of item–item weights, or a count of
              interactions): higher ranks first; it is not a probability of a like.
            </li>
          )}
          {reasonKind === 'neighbours' && (
            <li>
              <strong>{REASON_HEAD.neighbours}</strong>: the item’s nearest items in the model’s item graph
              that this user trained on, with the edge weight; “—” where none of its{' '}
              {nearest(payload.neighboursSearched)} is one they trained on.
            </li>
          )}
          {ratioReasons && (
            <li data-testid="recs-reason-note">
              <strong>{REASON_HEAD[reasonKind]}</strong>: each figure is the weight over its equal share (
              {reasonKind === 'behaviours'
                ? 'the mean size of the weights over the user’s past items'
                : '1/n of the n fields or field pairs attended'}
              ); only {reasonKind === 'behaviours' ? 'past items' : 'fields and pairs'} at{' '}
              {payload.reasonMargin}× or more are listed, so an attention that spreads about evenly gives no
              reason.
            </li>
          )}
        </ul>
      )}
    </>
  );
}
