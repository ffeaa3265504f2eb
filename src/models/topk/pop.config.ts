/** `pop`'s settings and picker entry: plain data. */
import type { ConfigOf } from '../config';
import type { TopkModelInfo } from './types';

const schema = {} as const;

export type PopConfig = ConfigOf<typeof schema>;
export type PopSchema = typeof schema;

export const popInfo: TopkModelInfo<PopSchema> = {
  id: 'pop',
  family: 'topk',
  label: 'MostPop',
  description:
    'Ranks items by their number of training interactions, ties by item id (baseline, no training).',
  configSchema: schema,
};
