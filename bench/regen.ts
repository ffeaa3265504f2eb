/**
 * How long the demo generator takes at the default size (issue 23: the data wizard regenerates in under a
 * second), with and without the split the worker makes after it, for the default knobs and two presets.
 *
 *   npm run bench -- --entry regen
 */
import { cpus } from 'node:os';
import { generateDemo } from '../src/data/demo';
import { DEMO_PRESETS } from '../src/data/demo/presets';
import { splitWithSummary } from '../src/engine/importer';
import { DEFAULT_SPLIT_CONFIG } from '../src/engine/importProtocol';

const cases: [string, object][] = [
  ['defaults', {}],
  ...DEMO_PRESETS.map((p): [string, object] => [p.id, p.knobs]),
];
console.log(`${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`);
generateDemo({}); // warm-up: the first run compiles the generator
for (const [name, options] of cases) {
  const gen: number[] = [];
  const all: number[] = [];
  let rows = 0;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const ds = generateDemo(options);
    const t1 = performance.now();
    splitWithSummary(ds, DEFAULT_SPLIT_CONFIG);
    gen.push(t1 - t0);
    all.push(performance.now() - t0);
    rows = ds.interactions.user.length;
  }
  const med = (a: number[]) =>
    a
      .slice()
      .sort((x, y) => x - y)[2]
      .toFixed(0);
  console.log(
    `${name}: ${rows} rows; generate median ${med(gen)} ms, with the split ${med(all)} ms (5 runs)`,
  );
}
