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

/** A stable colour per category name (the payload has names only): hashed into the category palette. */
function nameColour(name: string): string {
  if (!name) return categoryColour(-1);
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return categoryColour(Math.abs(h));
}

/**
 * A user's top-K items: rank, category, title, predicted probability with a bar, and (where the model has
 * attention) the reasons with their weights. Strings from the data are text, never markup.
 */
export function RecommendationList({ payload, onPick, selected = null }: RecommendationListProps) {
  const { items, reasonKind } = payload;
  if (items.length === 0) {
    return <p className="hint">No items left to recommend: this user has seen them all in training.</p>;
  }
  const top = Math.max(...items.map((r) => r.score), 1e-9);
  return (
    <table className="recs-table" data-testid="recs-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Item</th>
          <th scope="col">Predicted like</th>
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
              <span className="score-bar" style={{ width: `${(60 * r.score) / top}px` }} aria-hidden="true" />
            </td>
            {reasonKind !== 'none' && (
              <td>
                <ul className="reasons" data-testid="rec-reasons">
                  {r.reasons.map((x, j) => (
                    <li key={j} title={`${x.label}: ${x.weight.toFixed(4)}`}>
                      {x.label} <span className="hint">{x.weight.toFixed(3)}</span>
                    </li>
                  ))}
                </ul>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
