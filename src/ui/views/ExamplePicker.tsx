import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SearchHit, SearchOutcome } from '../../engine/protocol';
import type { ExampleChoice, AttentionApi } from './useAttention';
import type { ExplainExample } from '../../contract/explain';

export interface ExamplePickerProps {
  readonly api: AttentionApi;
  /** The example the views show now (from the last explanation), or null. */
  readonly example: ExplainExample | null;
  readonly onPick: (choice: ExampleChoice) => void;
  readonly disabled?: boolean;
}

const SHOWN = 8;
const DEBOUNCE_MS = 180;

/**
 * Searches users or items in the worker as the user types (debounced, capped); every hit is a button, and
 * Enter picks the first hit (the exact match when there is one: the worker ranks it first).
 * Results are rendered as text: ids and titles come from the data.
 */
export function SearchBox(props: {
  api: AttentionApi;
  kind: 'user' | 'item';
  label: string;
  placeholder: string;
  /** For items: suggest this user's validation items while the box is empty. */
  user?: number | null;
  onPick: (hit: SearchHit) => void;
  disabled?: boolean;
}) {
  const { api, kind, user = null, onPick } = props;
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // The hits, with the text and user they answer (the list can lag the box by the debounce).
  const [result, setResult] = useState<(SearchOutcome & { text: string; user: number | null }) | null>(null);
  // The box's text as last typed, for an Enter whose search answers after more typing.
  const typed = useRef(text);

  const search = useCallback(
    (q: string) => api.searchExamples({ kind, text: q, user, limit: SHOWN }),
    [api, kind, user],
  );

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      search(text)
        .then((r) => current && setResult({ ...r, text, user }))
        .catch(() => current && setResult({ hits: [], total: 0, text, user }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, text, user, open]);

  const edit = (value: string) => {
    typed.current = value;
    setText(value);
  };
  const pick = (h: SearchHit) => {
    onPick(h);
    setOpen(false);
    edit('');
  };
  const pickFirst = () => {
    if (result && result.text === text && result.user === user) {
      if (result.hits.length > 0) pick(result.hits[0]);
      return;
    }
    // The list is not this text's yet: ask now, and pick unless the text changed meanwhile. A failed search
    // picks nothing (the list, asked again after the debounce, says "No match").
    const asked = text;
    search(asked)
      .then((r) => typed.current === asked && r.hits.length > 0 && pick(r.hits[0]))
      .catch(() => undefined);
  };

  return (
    <div className="search-box">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={props.placeholder}
        disabled={props.disabled}
        autoComplete="off"
        data-testid={`${kind}-search`}
        onChange={(e) => {
          edit(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
          if (e.key === 'Enter') {
            e.preventDefault();
            pickFirst();
          }
        }}
      />
      {open && result && (
        <div className="search-results">
          {result.hits.length === 0 ? (
            <p className="hint">No match{text ? ` for “${text}”` : ''}.</p>
          ) : (
            <ul aria-label={`${props.label} matches`}>
              {result.hits.map((h) => (
                <li key={h.index}>
                  <button type="button" className="hit" data-testid={`${kind}-hit`} onClick={() => pick(h)}>
                    {h.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {result.total > result.hits.length && (
            <p className="hint">
              {result.total - result.hits.length} more: type more of the id
              {kind === 'item' ? ' or title' : ''}.
            </p>
          )}
          <button type="button" className="link" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

/** The user and candidate item the example views explain, shared by every view. */
export function ExamplePicker({ api, example, onPick, disabled }: ExamplePickerProps) {
  const fieldsText = example?.fields
    .filter((f) => f.name !== 'user_id' && f.name !== 'item_id' && f.value !== '')
    .map((f) => `${f.name} ${f.value}`)
    .join(' · ');
  return (
    <div className="example-picker" data-testid="example-picker">
      <div className="example-now" aria-live="polite">
        {example ? (
          <>
            <strong>User {example.userKey}</strong> × <strong>item {example.itemKey}</strong>{' '}
            <span className="item-title">“{example.itemTitle}”</span>
            <br />
            <span className="hint">
              {example.source === 'valid'
                ? `validation row, ${example.label === 1 ? 'liked' : 'not liked'}`
                : 'not in validation: a synthetic row with the user’s history up to the end of train'}
              {' · '}predicted like probability{' '}
              <strong data-testid="example-probability">{example.probability.toFixed(3)}</strong>
              {fieldsText ? ` · ${fieldsText}` : ''}
            </span>
          </>
        ) : (
          <span className="hint">
            The example is the first row of the validation sample until you pick one.
          </span>
        )}
      </div>
      <div className="example-search">
        <SearchBox
          api={api}
          kind="user"
          label="User"
          placeholder="id, e.g. u17"
          disabled={disabled}
          onPick={(h) => onPick({ user: h.index, item: null })}
        />
        <SearchBox
          api={api}
          kind="item"
          label="Candidate item"
          placeholder="id or title"
          user={example?.user ?? null}
          disabled={disabled}
          onPick={(h) => onPick({ user: example?.user ?? null, item: h.index })}
        />
      </div>
    </div>
  );
}
