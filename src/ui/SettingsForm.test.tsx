// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParamSchema } from '../models/config';
import { changedKeys, SettingsForm } from './SettingsForm';

afterEach(cleanup);

const num = (label: string, def: number) =>
  ({ kind: 'number', label, doc: label, default: def, min: 0, max: 1000 }) as const;
const schema: ParamSchema = {
  epochs: num('Epochs', 5),
  learningRate: num('Learning rate', 0.001),
  seed: num('Seed', 42),
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    doc: 'The optimizer',
    default: 'adam',
    options: ['adam', 'sgd'],
  },
};

const fold = () => document.querySelector('details.more-settings') as HTMLDetailsElement;

describe('SettingsForm', () => {
  it('keeps the everyday settings in view and folds the rest, saying how many', () => {
    render(
      <SettingsForm schema={schema} values={{}} onChange={vi.fn()} primary={['epochs', 'learningRate']} />,
    );
    expect(screen.getByLabelText('Epochs').closest('details')).toBeNull();
    expect(screen.getByLabelText('Seed').closest('details')).toBe(fold());
    expect(fold().open).toBe(false);
    expect(fold().querySelector('summary')!.textContent).toBe('More settings (2)');
  });

  it('opens the fold when it hides a changed setting (a share link’s), and says how many changed', () => {
    render(
      <SettingsForm
        schema={schema}
        values={{ seed: 7, optimizer: 'adam', epochs: 9 }}
        onChange={vi.fn()}
        primary={['epochs']}
        moreLabel="Model settings"
      />,
    );
    expect(fold().open).toBe(true);
    expect(fold().querySelector('summary')!.textContent).toBe('Model settings (3) · 1 changed');
  });

  it('changedKeys compares against the defaults', () => {
    expect(changedKeys(schema, { seed: 42, epochs: 6, learningRate: undefined })).toEqual(['epochs']);
  });
});
