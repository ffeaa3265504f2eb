// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewId } from './capabilities';
import { ViewTabs } from './ViewTabs';

afterEach(cleanup);

const TABS: ViewId[] = ['heads', 'embedding', 'recommend', 'runs'];

/** The tabs with the selection held as ViewsPanel holds it. */
function Harness({ onSelect }: { onSelect: (v: ViewId) => void }) {
  const [current, setCurrent] = useState<ViewId>('heads');
  return (
    <ViewTabs
      tabs={TABS}
      current={current}
      onSelect={(v) => {
        setCurrent(v);
        onSelect(v);
      }}
    />
  );
}

const tab = (name: string) => screen.getByRole('tab', { name });
/** Each tab's label with its tabindex, and `*` on the selected one. */
const state = () =>
  screen
    .getAllByRole('tab')
    .map((t) => `${t.textContent} ${t.tabIndex}${t.getAttribute('aria-selected') === 'true' ? ' *' : ''}`);

describe('ViewTabs', () => {
  it('has one tab stop, the selected tab', () => {
    render(<Harness onSelect={vi.fn()} />);
    expect(state()).toEqual([
      'Attention heads 0 *',
      'Embedding map -1',
      'Recommendations -1',
      'Run comparison -1',
    ]);
    fireEvent.click(tab('Recommendations'));
    expect(state()).toEqual([
      'Attention heads -1',
      'Embedding map -1',
      'Recommendations 0 *',
      'Run comparison -1',
    ]);
  });

  it('moves focus and the selection with the arrow keys (wrapping), Home and End', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    tab('Attention heads').focus();
    const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });
    const focused = () => document.activeElement?.textContent;

    press('ArrowRight');
    expect(focused()).toBe('Embedding map');
    expect(tab('Embedding map').getAttribute('aria-selected')).toBe('true');
    press('ArrowLeft');
    press('ArrowLeft'); // wraps to the last
    expect(focused()).toBe('Run comparison');
    press('ArrowRight'); // wraps to the first
    expect(focused()).toBe('Attention heads');
    press('End');
    expect(focused()).toBe('Run comparison');
    press('Home');
    expect(focused()).toBe('Attention heads');
    expect(onSelect.mock.calls.map(([v]) => v)).toEqual([
      'embedding',
      'heads',
      'runs',
      'heads',
      'runs',
      'heads',
    ]);
    expect(state()[0]).toBe('Attention heads 0 *');

    // Other keys, and arrows with a modifier (the browser's own shortcuts), do nothing.
    press('ArrowDown');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight', altKey: true });
    expect(focused()).toBe('Attention heads');
    expect(onSelect).toHaveBeenCalledTimes(6);
  });
});
