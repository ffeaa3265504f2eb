/** What the views show of items: a category per item for colours, popularity, and the graph view's catalogue. */
import type { Dataset } from '../../data/types';
import type { ItemCatalogue } from '../../contract/explain';

/** The item field that names a behaviour's category: the first categorical item field, else the first multi. */
export function categoryOf(ds: Dataset): { name: string | null; of: (item: number) => [string, number] } {
  const c = ds.itemFields[0];
  if (c) return { name: c.name, of: (i) => [c.vocab[c.tokens[i]] ?? '', c.tokens[i]] };
  const m = ds.itemMultiFields[0];
  if (m) {
    return {
      name: m.name,
      of: (i) => {
        const t = m.offsets[i] < m.offsets[i + 1] ? m.tokens[m.offsets[i]] : 0;
        return [m.vocab[t] ?? '', t];
      },
    };
  }
  return { name: null, of: () => ['', -1] };
}

/** Training interactions per item. */
export function itemPopularity(ds: Dataset, train: Int32Array): Int32Array {
  const pop = new Int32Array(ds.numItems);
  for (const r of train) pop[ds.interactions.item[r]]++;
  return pop;
}

/** Rank buckets of a count (popularity or activity): top 1 %, 1–10 %, 10–50 %, the rest, and none. */
export function countBuckets(counts: Int32Array): string[] {
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const out: string[] = new Array<string>(counts.length);
  const n = counts.length;
  order.forEach((i, rank) => {
    const q = (rank + 1) / n;
    out[i] =
      counts[i] === 0
        ? 'none in train'
        : q <= 0.01
          ? 'top 1 %'
          : q <= 0.1
            ? 'top 1–10 %'
            : q <= 0.5
              ? 'top 10–50 %'
              : 'bottom 50 %';
  });
  return out;
}

/** Keys, titles, category (the first categorical item field, as the behaviour view) and popularity. */
export function itemCatalogue(dataset: Dataset, popularity: Int32Array): ItemCatalogue {
  const n = dataset.numItems;
  const cat = categoryOf(dataset);
  const categories: string[] = new Array<string>(n);
  const categoryTokens = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [name, token] = cat.of(i);
    categories[i] = name;
    categoryTokens[i] = cat.name === null ? -1 : token;
  }
  return {
    count: n,
    keys: dataset.itemKeys.slice(0, n),
    titles: Array.from({ length: n }, (_, i) => dataset.itemTitles[i] ?? dataset.itemKeys[i]),
    categories,
    categoryTokens,
    categoryField: cat.name,
    popularity: Int32Array.from(popularity),
  };
}
