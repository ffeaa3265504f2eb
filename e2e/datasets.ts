import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/datasets beside the repository (SHARED_DATASETS overrides); tests fail, never skip, without it. */
export const DATASETS =
  process.env.SHARED_DATASETS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/datasets');

export function datasetFile(relative: string): string {
  const path = resolve(DATASETS, relative);
  if (!existsSync(path)) throw new Error(`Missing test dataset: ${path} (see ../shared/datasets/README.md)`);
  return path;
}
