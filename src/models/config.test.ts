import { describe, expect, it } from 'vitest';
import { defaults, resolveConfig, type ParamSchema } from './config';

const schema = {
  lr: { kind: 'number', label: 'lr', doc: '', default: 0.001, min: 1e-5, max: 1, log: true },
  layers: { kind: 'number', label: 'n', doc: '', default: 2, min: 1, max: 4, integer: true },
  units: { kind: 'layers', label: 'u', doc: '', default: [64, 32], min: 1, max: 512, maxLength: 3 },
  act: { kind: 'choice', label: 'a', doc: '', default: 'relu', options: ['relu', 'prelu'] },
  residual: { kind: 'boolean', label: 'r', doc: '', default: true },
} as const satisfies ParamSchema;

describe('resolveConfig', () => {
  it('fills every key from the defaults: nothing reads as undefined', () => {
    const { config, warnings } = resolveConfig(schema, {});
    expect(config).toEqual(defaults(schema));
    expect(config.residual).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('clamps out-of-range numbers and rounds integers, saying so', () => {
    const { config, warnings } = resolveConfig(schema, { lr: 10, layers: 2.6 });
    expect(config.lr).toBe(1);
    expect(config.layers).toBe(3);
    expect(warnings).toEqual([expect.stringMatching(/^lr: 10 is outside/)]);
  });

  it('rejects wrong types and unknown keys with a message, keeping the defaults', () => {
    const { config, warnings } = resolveConfig(schema, {
      lr: 'fast',
      act: 'gelu',
      residual: 'yes',
      units: [64, -1],
      dropuot: 0.1,
    });
    expect(config).toEqual(defaults(schema));
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['lr', 'units', 'act', 'residual', 'dropuot']);
  });

  it('accepts values as they come from a form or a URL (strings)', () => {
    const { config, warnings } = resolveConfig(schema, {
      lr: '0.01',
      units: '128, 64, 8',
      residual: 'false',
    });
    expect(config.lr).toBe(0.01);
    expect(config.units).toEqual([128, 64, 8]);
    expect(config.residual).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('rejects non-finite numbers', () => {
    expect(resolveConfig(schema, { lr: NaN }).config.lr).toBe(0.001);
    expect(resolveConfig(schema, { lr: Infinity }).config.lr).toBe(0.001);
  });
});
