import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../models/registry';
import { trainSchemaOf } from '../train/config';
import {
  candidateDimensions,
  dimId,
  numberAt,
  parseSpace,
  splitValues,
  unitOf,
  type SpaceSchemas,
} from './space';

const schemasOf = (id: string): SpaceSchemas | undefined => {
  const m = REGISTRY.get(id);
  return m ? { model: m.configSchema, train: trainSchemaOf(m.family) } : undefined;
};
const amfr = schemasOf('amfr')!;

describe('sweep space', () => {
  it('derives every sweepable setting from the schemas: ranges, log scales, choices, booleans', () => {
    const dims = candidateDimensions(amfr);
    const ids = dims.map(dimId);
    expect(ids).toContain('embeddingDim');
    expect(ids).toContain('layers');
    expect(ids).toContain('train.learningRate');
    expect(ids).not.toContain('hiddenUnits'); // a list of layer widths
    expect(ids).not.toContain('train.seed');
    expect(ids).not.toContain('train.epochs');
    expect(dims.find((d) => d.key === 'learningRate')).toMatchObject({ scale: 'log', min: 1e-5, max: 1 });
    expect(dims.find((d) => d.key === 'embeddingDim')).toMatchObject({
      scale: 'linear',
      integer: true,
      min: 2,
      max: 128,
    });
    expect(dims.find((d) => d.key === 'optimizer')).toMatchObject({
      kind: 'choice',
      options: ['adam', 'adagrad', 'sgd'],
    });
    expect(dims.find((d) => d.key === 'residual')).toMatchObject({ kind: 'boolean' });
  });

  it('snaps numbers to the schema: integers rounded, clamped; unit positions invert on both scales', () => {
    const d = {
      kind: 'number',
      target: 'model',
      key: 'embeddingDim',
      min: 4,
      max: 32,
      scale: 'log',
      integer: true,
    } as const;
    expect(numberAt(d, 0)).toBe(4);
    expect(numberAt(d, 1)).toBe(32);
    expect(numberAt(d, 0.5)).toBe(Math.round(Math.sqrt(4 * 32)));
    expect(numberAt(d, 2)).toBe(32);
    const lin = { ...d, scale: 'linear', integer: false } as const;
    expect(unitOf(lin, numberAt(lin, 0.3))).toBeCloseTo(0.3, 12);
    expect(
      splitValues(
        { modelId: 'amfr', dims: [d, { kind: 'boolean', target: 'train', key: 'x' }] },
        { embeddingDim: 8, 'train.x': true },
      ),
    ).toEqual({
      model: { embeddingDim: 8 },
      train: { x: true },
    });
  });

  it('validates a space from outside: unknown, unsweepable, duplicate and out-of-range settings are named', () => {
    const r = parseSpace(
      {
        modelId: 'amfr',
        dims: [
          {
            kind: 'number',
            target: 'train',
            key: 'learningRate',
            min: 1e-6,
            max: 0.1,
            scale: 'log',
            integer: true,
          },
          {
            kind: 'number',
            target: 'model',
            key: 'embeddingDim',
            min: 0,
            max: 16,
            scale: 'log',
            integer: false,
          },
          {
            kind: 'number',
            target: 'model',
            key: 'embeddingDim',
            min: 4,
            max: 8,
            scale: 'linear',
            integer: true,
          },
          { kind: 'boolean', target: 'model', key: 'nope' },
          { kind: 'number', target: 'train', key: 'seed', min: 1, max: 2, scale: 'linear', integer: true },
          { kind: 'choice', target: 'train', key: 'optimizer', options: ['adam', 'lbfgs'] },
        ],
      },
      schemasOf,
    );
    expect(r.space?.dims).toEqual([
      {
        kind: 'number',
        target: 'train',
        key: 'learningRate',
        min: 1e-5,
        max: 0.1,
        scale: 'log',
        integer: false,
      },
      { kind: 'number', target: 'model', key: 'embeddingDim', min: 2, max: 16, scale: 'log', integer: true },
      { kind: 'choice', target: 'train', key: 'optimizer', options: ['adam'] },
    ]);
    expect(r.problems.join(' | ')).toMatch(
      /learningRate: range clamped.*embeddingDim: range clamped.*listed twice.*nope.*seed.*optimizer: options/,
    );
    expect(parseSpace({ modelId: 'zzz', dims: [] }, schemasOf).space).toBeNull();
    expect(parseSpace('junk', schemasOf).space).toBeNull();
    expect(
      parseSpace(
        { modelId: 'amfr', dims: Array(20).fill({ kind: 'boolean', target: 'model', key: 'residual' }) },
        schemasOf,
      ).space,
    ).toBeNull();
  });
});
