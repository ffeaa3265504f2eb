/** Loads the benchmark datasets from ../shared/datasets through the app's own import pipeline. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeCtr } from '../src/data/features';
import { buildDataset, type BuildOptions } from '../src/data/import/build';
import { readFiles } from '../src/data/import/readFiles';
import { recognizeFormat } from '../src/data/import/recognize';
import { chronologicalSplit } from '../src/data/split';
import type { Dataset } from '../src/data/types';

export const DATASETS = process.env.SHARED_DATASETS ?? resolve(process.cwd(), '../shared/datasets');

/** Reads a dataset folder in the ml-100k layout (u.data, u.item, u.user) or MovieLens latest (ratings.csv…). */
export async function loadMovieLens(
  dir: string,
  options: Pick<BuildOptions, 'textDim' | 'textOptions'> = {},
): Promise<Dataset> {
  const candidates = ['u.data', 'u.item', 'u.user', 'ratings.csv', 'movies.csv', 'tags.csv'];
  const names = candidates.filter((n) => existsSync(resolve(dir, n)));
  if (!names.includes('u.data') && !names.includes('ratings.csv')) {
    throw new Error(`No MovieLens interactions in ${dir} (expected u.data or ratings.csv)`);
  }
  const inputs = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(resolve(dir, name))) }));
  const { files, issues } = await readFiles(inputs);
  const fatal = issues.find((i) => i.severity === 'fatal');
  if (fatal) throw new Error(`${fatal.file}: ${fatal.message}`);
  const mapping = recognizeFormat(files);
  if (!mapping) throw new Error(`${dir}: not recognised as a MovieLens layout`);
  return buildDataset(files, mapping, { ...options, textDim: options.textDim ?? 64 }).dataset;
}

/** A dataset as the ctr protocols train on it: encoded for ctr models, with the chronological split. */
export function ctrData(dataset: Dataset) {
  return { dataset, encoding: encodeCtr(dataset), split: chronologicalSplit(dataset.interactions) };
}
