import { beforeAll, describe } from 'vitest';
import { initBackend } from '../../engine/backends';
import { lr as lrEntry } from './lr';
import { standardModelTests } from '../models.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('lr', () => {
  standardModelTests(lrEntry, {
    rule: 'additive',
    variants: { default: {}, 'no modalities': { useModalities: false }, l2: { l2Embedding: 0.01 } },
    overfit: { steps: 80, lr: 0.05 },
  });
});
