// `npm run bench -- [options]`: bundles bench/main.ts for Node with esbuild (tfjs's ESM build has
// extensionless imports that plain Node cannot load) and runs it. Options: see bench/main.ts.
import { bundleForNode } from './bundleNode.mjs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
// The SIMD kernels the wasm backend uses (src/engine/simd), compiled from their AssemblyScript source.
await import('../src/engine/simd/build.mjs');
// `--entry NAME` runs bench/NAME.ts instead of bench/main.ts (e.g. loadMemory).
const argv = process.argv.slice(2);
const entryAt = argv.indexOf('--entry');
const entry = entryAt >= 0 ? argv.splice(entryAt, 2)[1] : 'main';
const outfile = `${here}.build/${entry}.mjs`;
await bundleForNode(`${here}${entry}.ts`, outfile);
// BENCH_BUILD_ONLY=1: only bundle (bench/gpu/prepare.sh carries the bundle to the GPU machine).
if (process.env.BENCH_BUILD_ONLY) process.exit(0);
const r = spawnSync(process.execPath, [outfile, ...argv], { stdio: 'inherit' });
process.exit(r.status ?? 1);
