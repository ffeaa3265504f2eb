/**
 * Item embeddings for the TensorFlow Embedding Projector (projector.tensorflow.org, "Load"): `vectors.tsv`,
 * one item per line, tab-separated numbers, no header; `metadata.tsv`, a header line (required by the
 * projector when there is more than one column) then one line per item in the same order.
 * Metadata text is formula-defused: people open these files in spreadsheets too.
 */
import { countPerId } from '../stats';
import type { Dataset } from '../types';
import { toTsv, type Cell } from './csv';

export interface ProjectorFiles {
  readonly vectors: string;
  readonly metadata: string;
}

/**
 * @param vectors row-major `[numItems, dim]`, row i = item i.
 */
export function projectorFiles(ds: Dataset, vectors: Float32Array, dim: number): ProjectorFiles {
  if (!(dim > 0) || vectors.length !== ds.numItems * dim) {
    throw new Error(`Expected ${ds.numItems} item vectors of ${dim} numbers, got ${vectors.length} numbers.`);
  }
  const vecRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < ds.numItems; i++) yield Array.from(vectors.subarray(i * dim, (i + 1) * dim));
  };
  const counts = countPerId(ds.interactions.item, ds.numItems);
  const header = [
    'key',
    'title',
    ...ds.itemFields.map((c) => c.name),
    ...ds.itemMultiFields.map((c) => c.name),
    'interactions',
  ];
  const metaRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < ds.numItems; i++) {
      yield [
        ds.itemKeys[i],
        ds.itemTitles[i] ?? '',
        ...ds.itemFields.map((c) => c.vocab[c.tokens[i]] ?? ''),
        ...ds.itemMultiFields.map((c) =>
          Array.from(c.tokens.subarray(c.offsets[i], c.offsets[i + 1]), (t) => c.vocab[t]).join('|'),
        ),
        counts[i],
      ];
    }
  };
  return { vectors: toTsv(null, vecRows(), false), metadata: toTsv(header, metaRows(), true) };
}
