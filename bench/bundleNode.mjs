// Bundles a bench entry for Node with esbuild: tfjs's ESM build has extensionless imports that plain Node
// cannot load. Shared by bench/run.mjs and bench/ab.mjs.
import { build } from 'esbuild';

export function bundleForNode(entry, outfile) {
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // tfjs-core's ESM build, like the browser bundle, so gradients register on the same engine.
    mainFields: ['module', 'main'],
    // The emscripten glue of tfjs-backend-wasm expects CommonJS globals.
    banner: {
      js: [
        "import { createRequire as __cr } from 'node:module';",
        "import { fileURLToPath as __fu } from 'node:url';",
        'const require = __cr(import.meta.url);',
        'const __filename = __fu(import.meta.url);',
        "const __dirname = __fu(new URL('.', import.meta.url));",
      ].join(' '),
    },
    logLevel: 'warning',
    loader: { '.wasm': 'file' },
  });
}
