/** The bench's ctr runner on a tiny demo: a one-epoch smoke run of every ctr model, every row's fields sane. */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../src/data/demo';
import { encodeCtr } from '../src/data/features';
import { chronologicalSplit } from '../src/data/split';
import { REGISTRY } from '../src/models/registry';

const MODELS = REGISTRY.family('ctr');
import { runCtrBench } from './ctr';

describe('runCtrBench', () => {
  it('trains every ctr model for one epoch and reports sane rows without leaking tensors', async () => {
    const dataset = generateDemo({ users: 60, items: 90, interactionsPerUser: 20 });
    const models = MODELS.map((m) => m.id);
    const rows = await runCtrBench({
      protocol: 'demo-tiny',
      encoding: encodeCtr(dataset),
      split: chronologicalSplit(dataset.interactions),
      models,
      backends: ['wasm'],
      epochs: 1,
      seed: 7,
      overrides: { embeddingDim: 8, notASetting: 1 },
    });
    expect(rows.map((r) => r.model)).toEqual(models);
    for (const r of rows) {
      expect(r).toMatchObject({
        protocol: 'demo-tiny',
        backend: 'wasm',
        best_epoch: 1,
        seed: 7,
        epochs: 1,
        leaked_tensors: 0,
      });
      // Only settings the model has are applied (and reported).
      expect(r.config).toEqual(
        'embeddingDim' in MODELS.find((m) => m.id === r.model)!.configSchema ? { embeddingDim: 8 } : {},
      );
      expect(r.metrics!.auc).toBeGreaterThan(0);
      expect(r.metrics!.auc).toBeLessThan(1);
      expect(Number.isFinite(r.metrics!.logloss)).toBe(true);
      expect(r.valid_auc).toHaveLength(1);
      expect(r.train_rows_per_s).toBeGreaterThan(0);
      expect(r.ms_per_epoch).toBeGreaterThan(0);
      expect(r.peak_tensors).toBeGreaterThan(0);
      expect(r.peak_bytes).toBeGreaterThan(0);
    }
  }, 120_000);
});
