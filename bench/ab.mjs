// Interleaved A/B of a top-k model's training step, base revision against the working tree, in one process:
//
//   node bench/ab.mjs --base HEAD [--model tmfun] [--rounds 16] [--steps 8] [--seed 42] [key=value …]
//
// The model's module (`src/models/topk/<model>.ts`, with everything it imports from src/) is taken from
// `git archive <base>` and from the working tree; both are bundled into one script with the working tree's
// engine (backends, kernels, trainer) and run by `bench/abSteps.ts`: same seed, same batches, turns taken.
// `key=value` arguments are model settings for both. Prints one JSON line (ms a step each, b/a, the largest
// loss difference between the two). Kernel changes are not A/B'd this way: the kernels are the working tree's.
import { bundleForNode } from './bundleNode.mjs';
import { execSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: 'string', default: 'HEAD' },
    model: { type: 'string', default: 'tmfun' },
    rounds: { type: 'string', default: '16' },
    steps: { type: 'string', default: '8' },
    seed: { type: 'string', default: '42' },
  },
});
await import('../src/engine/simd/build.mjs');
const rev = execSync(`git rev-parse --short ${values.base}`, { cwd: root, encoding: 'utf8' }).trim();
// Outside the repository (vitest and tsc would find the copy's files), node_modules linked to the repository's
// so that both trees import the one tfjs.
const dir = `${tmpdir()}/recplay-ab`;
const baseDir = `${dir}/${rev}`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(baseDir, { recursive: true });
symlinkSync(`${root}node_modules`, `${dir}/node_modules`);
execSync(`git archive ${rev} src | tar -x -C ${baseDir}`, { cwd: root });
// Git-ignored, built from the assembly source: the base tree gets the working tree's.
const generated = 'src/engine/simd/kernels.generated.ts';
if (existsSync(`${root}${generated}`)) copyFileSync(`${root}${generated}`, `${baseDir}/${generated}`);

const modelFile = `src/models/topk/${values.model}`;
const settings = Object.fromEntries(
  positionals.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
);
const entry = `${dir}/entry.ts`;
writeFileSync(
  entry,
  [
    `import { abTopkSteps } from '${here}abSteps';`,
    `import * as baseModule from './${rev}/${modelFile}';`,
    `import * as headModule from '${root}${modelFile}';`,
    `const pick = (m: Record<string, unknown>) => Object.values(m).find((v) => (v as { id?: string })?.id === ${JSON.stringify(values.model)}) as never;`,
    `await abTopkSteps({ name: 'base ${rev}', entry: pick(baseModule) }, { name: 'working tree', entry: pick(headModule) }, ${JSON.stringify(
      {
        rounds: Number(values.rounds),
        steps: Number(values.steps),
        seed: Number(values.seed),
        settings,
      },
    )});`,
  ].join('\n'),
);
const outfile = `${dir}/ab.mjs`;
await bundleForNode(entry, outfile);
const r = spawnSync(process.execPath, [outfile], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
