// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BehaviourView } from './BehaviourView';
import { behaviourExplanation, EXAMPLE, LONG_TITLE } from './views.testkit';

afterEach(cleanup);

/** The behaviours' titles in the order shown (clipped titles by their start). */
const titles = () =>
  [...screen.getByTestId('behaviour-timeline').querySelectorAll('text.title')].map((t) =>
    t.textContent!.endsWith('…') ? LONG_TITLE.slice(0, 10) : t.textContent,
  );
const LONG = LONG_TITLE.slice(0, 10);

describe('BehaviourView', () => {
  it('names the candidate, its category, the prediction and the label', () => {
    render(<BehaviourView explanation={behaviourExplanation()} />);
    const candidate = screen.getByText('Candidate').parentElement!;
    expect(candidate.textContent).toBe('Candidate Crime Fargo · predicted 0.734 · actually liked');
    expect(
      screen.getByText(
        'Weights are not normalised (DIN keeps the intensity of interest): compare bars, not totals.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Attention of 2 heads over 5 past behaviours' })).toBeTruthy();
  });

  it('lists the behaviours most recent first, or by a head’s weight, or by the heads’ mean', () => {
    render(<BehaviourView explanation={behaviourExplanation()} />);
    expect(titles()).toEqual(['Up', 'Fargo 2', LONG, 'Toy Story', 'Heat']);
    const sort = screen.getByLabelText('Sort by');
    expect(
      within(sort)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['time (most recent first)', 'mean weight over heads', 'weight of head 1', 'weight of head 2']);
    fireEvent.change(sort, { target: { value: '1' } });
    // Head 2 weighs Toy Story and Fargo 2 alike (.125): the more recent first.
    expect(titles()).toEqual(['Heat', LONG, 'Fargo 2', 'Toy Story', 'Up']);
    fireEvent.change(sort, { target: { value: '0' } });
    expect(titles()).toEqual(['Toy Story', LONG, 'Up', 'Heat', 'Fargo 2']);
    fireEvent.change(sort, { target: { value: 'mean' } });
    // Means .3125, .25, .25, .09375, .09375: ties keep the most recent first.
    expect(titles()).toEqual(['Heat', LONG, 'Toy Story', 'Up', 'Fargo 2']);
  });

  it('says so when the weights are a softmax, and leaves out the label of a synthetic row', () => {
    const explanation = behaviourExplanation({ normalised: true, candidateCategory: '' });
    render(
      <BehaviourView
        explanation={{ ...explanation, example: { ...EXAMPLE, label: null, source: 'synthetic' } }}
      />,
    );
    expect(screen.getByText('Weights of each head sum to 1 over the behaviours (softmax).')).toBeTruthy();
    expect(screen.getByText('Candidate').parentElement!.textContent).toBe(
      'Candidate Fargo · predicted 0.734',
    );
  });

  it('says why there is nothing to show: no behaviour attention, or no behaviour before the item', () => {
    const { rerender } = render(
      <BehaviourView explanation={{ ...behaviourExplanation(), behaviour: undefined }} />,
    );
    expect(screen.getByText('This model returned no behaviour attention.')).toBeTruthy();
    const padding = behaviourExplanation({ items: new Int32Array(7).fill(-1), data: new Float32Array(14) });
    rerender(<BehaviourView explanation={padding} />);
    expect(
      screen.getByText('This user has no behaviour before this item: pick another user or a later item.'),
    ).toBeTruthy();
    expect(screen.queryByTestId('behaviour-timeline')).toBeNull();
  });
});
