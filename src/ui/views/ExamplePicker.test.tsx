// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExplainExample } from '../../contract/explain';
import { ExamplePicker } from './ExamplePicker';
import type { AttentionApi } from './useAttention';
import { EXAMPLE, fakeSearch } from './views.testkit';

afterEach(cleanup);

const USERS = ['u1', 'u10', 'u11', 'u12', 'u13', 'u14', 'u15', 'u16', 'u17', 'u2'].map((key, index) => ({
  index,
  key,
  label: `${key} · age 25-34`,
}));
const ITEMS = [
  { index: 3, key: 'i3', label: 'i3 Heat' },
  { index: 9, key: 'i9', label: 'i9 Fargo' },
];

function renderPicker(example: ExplainExample | null = EXAMPLE) {
  const api: AttentionApi = { explainAttention: vi.fn(), searchExamples: fakeSearch(USERS, ITEMS) };
  const onPick = vi.fn();
  render(<ExamplePicker api={api} example={example} onPick={onPick} />);
  return { api, onPick };
}

describe('ExamplePicker', () => {
  it('describes the example: user, item, title, where the row is from, the prediction and the fields', () => {
    renderPicker();
    const now = screen.getByTestId('example-picker').firstElementChild!;
    expect(now.textContent).toBe(
      'User u4 × item i9 “Fargo”validation row, liked · predicted like probability 0.734 · movie_genre Drama',
    );
    cleanup();
    renderPicker({ ...EXAMPLE, source: 'synthetic', label: null, fields: [] });
    expect(screen.getByText(/^not in validation: a synthetic row/)).toBeTruthy();
    cleanup();
    renderPicker(null);
    expect(
      screen.getByText('The example is the first row of the validation sample until you pick one.'),
    ).toBeTruthy();
  });

  it('searches users as one types, shows at most 8 with how many more, and picks one', async () => {
    const { api, onPick } = renderPicker();
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'u1' } });
    const list = await screen.findByRole('list', { name: 'User matches' });
    expect(api.searchExamples).toHaveBeenLastCalledWith({ kind: 'user', text: 'u1', user: null, limit: 8 });
    expect(within(list).getAllByRole('button')).toHaveLength(8);
    expect(screen.getByText('1 more: type more of the id.')).toBeTruthy();
    fireEvent.click(within(list).getByRole('button', { name: 'u13 · age 25-34' }));
    expect(onPick).toHaveBeenCalledWith({ user: 4, item: null });
    expect(screen.queryByRole('list')).toBeNull();
    expect((screen.getByLabelText('User') as HTMLInputElement).value).toBe('');
  });

  it('suggests the example user’s items in an empty item box, says when nothing matches, closes on Escape', async () => {
    const { api, onPick } = renderPicker();
    const box = screen.getByLabelText('Candidate item');
    fireEvent.focus(box);
    const list = await screen.findByRole('list', { name: 'Candidate item matches' });
    expect(api.searchExamples).toHaveBeenLastCalledWith({ kind: 'item', text: '', user: 4, limit: 8 });
    fireEvent.click(within(list).getByRole('button', { name: 'i3 Heat' }));
    expect(onPick).toHaveBeenCalledWith({ user: 4, item: 3 });

    fireEvent.change(box, { target: { value: 'zz' } });
    expect(await screen.findByText('No match for “zz”.')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByText('No match for “zz”.')).toBeNull();
  });

  it('Enter picks the first listed hit (the exact match, which the worker ranks first) and closes the list', async () => {
    const { onPick } = renderPicker();
    const box = screen.getByLabelText('User') as HTMLInputElement;
    fireEvent.change(box, { target: { value: 'u1' } });
    await screen.findByRole('list', { name: 'User matches' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledExactlyOnceWith({ user: 0, item: null });
    expect(screen.queryByRole('list')).toBeNull();
    expect(box.value).toBe('');

    // The example user's suggested items: Enter in the empty box takes the first.
    const items = screen.getByLabelText('Candidate item');
    fireEvent.focus(items);
    await screen.findByRole('list', { name: 'Candidate item matches' });
    fireEvent.keyDown(items, { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith({ user: 4, item: 3 });
  });

  it('Enter before the list has caught up asks for this text, and picks nothing when nothing matches', async () => {
    const { api, onPick } = renderPicker();
    const box = screen.getByLabelText('User') as HTMLInputElement;
    fireEvent.change(box, { target: { value: 'u17' } });
    fireEvent.keyDown(box, { key: 'Enter' }); // within the debounce: no list yet
    await waitFor(() => expect(onPick).toHaveBeenCalledExactlyOnceWith({ user: 8, item: null }));
    expect(api.searchExamples).toHaveBeenCalledWith({ kind: 'user', text: 'u17', user: null, limit: 8 });
    expect(box.value).toBe('');

    fireEvent.change(box, { target: { value: 'zz' } });
    expect(await screen.findByText('No match for “zz”.')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'u2' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(box, { target: { value: 'u' } }); // typed on before the answer: not picked
    await screen.findByRole('list', { name: 'User matches' });
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(box.value).toBe('u');
  });
});
