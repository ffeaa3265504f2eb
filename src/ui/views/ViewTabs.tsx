import type { KeyboardEvent } from 'react';
import { VIEW_LABELS, type ViewId } from './capabilities';

/** The key → where it moves among `n` tabs from tab `i` (WAI-ARIA tabs: the arrows wrap). */
const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * The Explain tabs, the WAI-ARIA tabs pattern: one tab stop (the selected tab; roving tabindex), the arrow
 * keys move between tabs and wrap, Home and End go to the first and last, and a tab is selected as focus
 * reaches it (automatic activation). Each tab controls the panel `panel-<view>`.
 */
export function ViewTabs(props: {
  tabs: readonly ViewId[];
  current: ViewId;
  onSelect: (view: ViewId) => void;
}) {
  const { tabs, current, onSelect } = props;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey) return;
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]'));
    const from = buttons.indexOf(e.target as HTMLElement);
    if (from < 0) return;
    e.preventDefault();
    const to = move(from, tabs.length);
    buttons[to].focus();
    onSelect(tabs[to]);
  };
  return (
    <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={t === current}
          aria-controls={`panel-${t}`}
          tabIndex={t === current ? 0 : -1}
          className={t === current ? 'tab on' : 'tab'}
          onClick={() => onSelect(t)}
        >
          {VIEW_LABELS[t]}
        </button>
      ))}
    </div>
  );
}
