// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExplainStatus } from './ExplainStatus';

afterEach(cleanup);

describe('ExplainStatus', () => {
  it('announces why there is no picture, even while waiting', () => {
    render(<ExplainStatus message="This run has no model yet." waiting waitingText="Reading…" />);
    expect(screen.getByRole('status').textContent).toBe('This run has no model yet.');
    expect(screen.queryByText('Reading…')).toBeNull();
  });

  it('says the first answer is on its way, and nothing once there is one', () => {
    const { container, rerender } = render(
      <ExplainStatus message={null} waiting waitingText="Reading the embeddings…" />,
    );
    expect(screen.getByText('Reading the embeddings…')).toBeTruthy();
    rerender(<ExplainStatus message={null} waiting={false} waitingText="Reading the embeddings…" />);
    expect(container.textContent).toBe('');
    rerender(<ExplainStatus message={null} waiting />);
    expect(container.textContent).toBe('');
  });
});
