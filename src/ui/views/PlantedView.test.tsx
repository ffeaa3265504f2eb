// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlantedPayload } from '../../contract/explain';
import { PlantedTable, PlantedView } from './PlantedView';

afterEach(cleanup);

const payload: PlantedPayload = {
  runId: 3,
  modelId: 'mmdin',
  rows: 9366,
  signals: [
    {
      id: 'cross',
      planted: 'age × category: each age group’s own taste for each topic',
      learned: 'the predicted like, over age × category, main effects removed',
      value: 0.81,
      chance: 0,
      best: 1,
      shown: 'slope 0.81 (r 0.98)',
      verdict: 'learned',
      sentence: 'The predictions follow the planted cross.',
    },
    {
      id: 'recency',
      planted: 'recency: each recent like of the candidate’s topic raises the like',
      learned: 'behaviour attention, the heads’ mean',
      value: 0.503,
      chance: 0.5,
      best: 1,
      shown: 'AUC 0.50 (head 1 0.63, head 2 0.45)',
      verdict: 'chance',
      heads: [0.63, 0.45],
      sentence: 'The heads’ mean weight does not tell them apart. Head by head it does.',
    },
  ],
};

describe('PlantedView', () => {
  it('puts each agreement beside its chance level with a verdict, and says what it means', () => {
    render(<PlantedTable payload={payload} />);
    const rows = screen.getAllByTestId('planted-row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      [
        'age × category: each age group’s own taste for each topic',
        'the predicted like, over age × category, main effects removed',
        'slope 0.81 (r 0.98)',
        'slope 0',
        'learned',
      ],
      [
        'recency: each recent like of the candidate’s topic raises the like',
        'behaviour attention, the heads’ mean',
        'AUC 0.50 (head 1 0.63, head 2 0.45)',
        'AUC 0.5',
        'at chance',
      ],
    ]);
    expect(rows.map((r) => r.getAttribute('data-verdict'))).toEqual(['learned', 'chance']);
    expect(screen.getByTestId('planted-sentences').textContent).toContain('Head by head it does.');
    expect(screen.getByText(/Measured on the 9,366 validation rows/)).toBeTruthy();
  });

  it('asks the worker for the run and says why there is nothing on data without a known truth', async () => {
    const plantedVsLearned = vi.fn(async () => ({
      type: 'unavailable' as const,
      runId: 5,
      reason: 'Planted vs learned needs data from the demo generator.',
    }));
    render(<PlantedView api={{ plantedVsLearned }} runId={5} version="0:1:end:0" />);
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Planted vs learned needs data from the demo generator.',
    );
    expect(plantedVsLearned).toHaveBeenCalledWith({ runId: 5 });
  });
});
