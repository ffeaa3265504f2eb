// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbeddingMapPayload } from '../../contract/explain';
import type { EmbeddingMapOutcome, EmbeddingMapRequest } from '../../engine/explainProtocol';
import { stubCanvas } from '../../viz/canvas.testkit';
import { EmbeddingView } from './EmbeddingView';
import type { ExplainApi } from './explainApi';

const map = (kind: 'item' | 'user', count: number): EmbeddingMapPayload => ({
  runId: 1,
  kind,
  count,
  xy: Float32Array.from({ length: 2 * count }, (_, k) => k),
  explained: [0.5, 0.2],
  labels: Array.from({ length: count }, (_, k) => `${kind} ${k}`),
  indices: Int32Array.from({ length: count }, (_, k) => k),
  colourFields: [{ name: 'age', values: Array.from({ length: count }, () => '25-34') }],
});

function renderView(embeddingMap: (req: EmbeddingMapRequest) => Promise<EmbeddingMapOutcome>) {
  const api: ExplainApi = {
    embeddingMap: vi.fn(embeddingMap),
    recommend: vi.fn(),
    explainGraph: vi.fn(),
    plantedVsLearned: vi.fn(),
  };
  const onSelectItem = vi.fn();
  const onSelectUser = vi.fn();
  render(
    <EmbeddingView
      api={api}
      runId={1}
      version="0:1:live:0"
      selectedItem={2}
      selectedUser={0}
      onSelectItem={onSelectItem}
      onSelectUser={onSelectUser}
    />,
  );
  return { api, onSelectItem, onSelectUser };
}

beforeEach(() => {
  stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('EmbeddingView', () => {
  it('reads the item map, then the user map when Users is pressed, selecting in the right kind', async () => {
    const { api, onSelectItem, onSelectUser } = renderView(async (req) => ({
      type: 'ok',
      payload: req.kind === 'item' ? map('item', 4) : map('user', 3),
    }));
    expect(screen.getByText('Reading the embeddings…')).toBeTruthy();
    expect(await screen.findByText(/^4 items ·/)).toBeTruthy();
    expect(screen.queryByText('Reading the embeddings…')).toBeNull();
    expect(screen.getByRole('button', { name: 'Items' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('map-selected').textContent).toBe('Selected: item 2');
    fireEvent.keyDown(screen.getByRole('group', { name: /^Embedding map/ }), { key: 'ArrowRight' });
    expect(onSelectItem).toHaveBeenCalledWith(3);

    fireEvent.click(screen.getByRole('button', { name: 'Users' }));
    expect(screen.getByRole('button', { name: 'Users' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/The model’s user_id embeddings/)).toBeTruthy();
    expect(await screen.findByText(/^3 users ·/)).toBeTruthy();
    expect(api.embeddingMap).toHaveBeenLastCalledWith({ runId: 1, kind: 'user' });
    expect(screen.getByTestId('map-selected').textContent).toBe('Selected: user 0');
    fireEvent.keyDown(screen.getByRole('group', { name: /^Embedding map/ }), { key: 'ArrowRight' });
    expect(onSelectUser).toHaveBeenCalledWith(1);
    expect(onSelectItem).toHaveBeenCalledTimes(1);
  });

  it('says why there is no map', async () => {
    renderView(async () => ({ type: 'unavailable', runId: 1, reason: 'This model has no id embeddings.' }));
    expect((await screen.findByRole('status')).textContent).toBe('This model has no id embeddings.');
    cleanup();
    renderView(async () => ({ type: 'error', runId: 1, message: 'out of memory' }));
    expect((await screen.findByRole('status')).textContent).toBe('Failed: out of memory');
    expect(screen.queryByTestId('embedding-map')).toBeNull();
  });
});
