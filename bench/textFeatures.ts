/**
 * Time of the item-text featuriser (src/data/import/text.ts) on ml-100k's 1,682 item texts, in Node:
 *   npm run bench -- --entry textFeatures [--reps 5]
 * Prints, per featuriser and size, the median wall and CPU milliseconds over `reps` runs (after one warm-up),
 * and the ten nearest titles by text of a few films.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { textFeatures, type TextVectorOptions } from '../src/data/import/text';
import { DATASETS } from './datasets';

const { values: args } = parseArgs({ options: { reps: { type: 'string', default: '5' } } });
const path = `${DATASETS}/ml-100k/item_text.tsv`;
if (!existsSync(path)) throw new Error(`MovieLens 100K file missing: ${path}`);
const texts = readFileSync(path, 'utf-8')
  .split('\n')
  .slice(1)
  .filter((l) => l !== '')
  .map((l) => l.split('\t')[1]);
const titles = texts.map((t) => t.slice(0, t.lastIndexOf('. Genres: ')));
const reps = Number(args.reps);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const options of [
  { dim: 64 },
  { dim: 128 },
  { dim: 64, featurizer: 'hashed' },
  { dim: 128, featurizer: 'hashed' },
] satisfies TextVectorOptions[]) {
  textFeatures(texts, options); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let description = '';
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    description = textFeatures(texts, options).description;
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    JSON.stringify({
      items: texts.length,
      description,
      wall_ms: Math.round(median(wall)),
      cpu_ms: Math.round(median(cpu)),
      reps,
    }),
  );
}

for (const dim of [64, 128]) {
  const { data } = textFeatures(texts, { dim }).modality;
  for (const title of ['Toy Story (1995)', 'Star Wars (1977)', 'Die Hard (1988)']) {
    const i = titles.indexOf(title);
    const near = titles
      .map((_, j) => {
        let d = 0;
        for (let c = 0; c < dim; c++) d += data[i * dim + c] * data[j * dim + c];
        return { j, d };
      })
      .filter(({ j }) => j !== i)
      .sort((a, b) => b.d - a.d)
      .slice(0, 10)
      .map(({ j }) => titles[j]);
    console.log(`${dim}-d ${title}: ${near.join(' | ')}`);
  }
}
