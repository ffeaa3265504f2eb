/**
 * A seeded synthetic modality-graph payload (clustered items, k neighbours per item in each modality and a
 * fused graph), for the graph view's tests, harness and frame-rate measurement. Not used by the app.
 */
import { randomLcg } from 'd3';
import type { ItemCatalogue, ModalityGraphPayload, NeighbourLists } from '../contract/explain';

const TOPICS = ['dance', 'gaming', 'news', 'cooking', 'music', 'travel', 'pets', 'sports', 'comedy', 'tech'];

export function syntheticGraphPayload(n: number, k: number, seed = 1): ModalityGraphPayload {
  const rnd = randomLcg(seed);
  const C = TOPICS.length;
  const cat = Int32Array.from({ length: n }, () => Math.floor(Math.pow(rnd(), 1.6) * C));
  const members: number[][] = Array.from({ length: C }, () => []);
  cat.forEach((c, i) => members[c].push(i));
  const popularity = Int32Array.from({ length: n }, () => Math.floor(1 + 200 * Math.pow(rnd(), 4)));
  const items: ItemCatalogue = {
    count: n,
    keys: Array.from({ length: n }, (_, i) => `i${i}`),
    titles: Array.from({ length: n }, (_, i) => `${TOPICS[cat[i]]} clip ${i}`),
    categories: Array.from(cat, (c) => TOPICS[c]),
    categoryTokens: Int32Array.from(cat, (c) => c + 1),
    categoryField: 'topic',
    popularity,
  };
  const modalities = ['visual', 'acoustic', 'text'];
  // How often a neighbour stays within the item's topic, per modality (text informative, acoustic weak).
  const purity = [0.8, 0.45, 0.9, 0.95];
  const graph = (name: string, p: number): NeighbourLists => {
    const neighbours = new Int32Array(n * k);
    const weights = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const pool = rnd() < p ? members[cat[i]] : null;
        let t = pool ? pool[Math.floor(rnd() * pool.length)] : Math.floor(rnd() * n);
        if (t === i) t = (i + 1) % n;
        neighbours[i * k + j] = t;
        weights[i * k + j] = 0.9 - (0.6 * j) / k + 0.05 * rnd();
      }
    }
    return { name, k, neighbours, weights };
  };
  const graphs = [...modalities.map((m, g) => graph(m, purity[g])), graph('fused', purity[3])];
  const attention = new Float32Array(n * modalities.length);
  for (let i = 0; i < n; i++) {
    const raw = modalities.map((_, m) => 0.2 + rnd() * (m === 2 ? 1.5 : 1));
    const s = raw.reduce((a, b) => a + b, 0);
    raw.forEach((v, m) => (attention[i * modalities.length + m] = v / s));
  }
  const modalityWeights = new Float32Array(modalities.length);
  for (let i = 0; i < n; i++)
    for (let m = 0; m < modalities.length; m++)
      modalityWeights[m] += attention[i * modalities.length + m] / n;
  return { runId: 1, items, modalities, graphs, attention, modalityWeights };
}
