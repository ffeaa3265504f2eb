import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layers, lowest first: contract (plain types the views read) and data; ops (tfjs math below the models);
 * models; engine (backends, training, the worker); state; viz (views: plain data from contract only); ui.
 * `MAY_IMPORT` lists what each folder of src/ may import (type imports included). The local rule resolves every
 * relative import, so a file's own neighbours (engine/worker/state.ts) never read as another layer. Tests may
 * cross layers.
 */
const SRC = resolve(import.meta.dirname, 'src');
const MAY_IMPORT = {
  contract: ['contract'],
  data: ['data', 'contract'],
  ops: ['ops', 'data', 'contract'],
  models: ['models', 'ops', 'data', 'contract'],
  engine: ['engine', 'models', 'ops', 'data', 'contract'],
  state: ['state', 'engine', 'models', 'ops', 'data', 'contract'],
  viz: ['viz', 'contract'],
};
const layerOf = (file) => {
  const rel = relative(SRC, file);
  return rel.startsWith('..') ? null : rel.split(sep)[0];
};
const layersPlugin = {
  rules: {
    direction: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = layerOf(context.filename);
        const allowed = MAY_IMPORT[from];
        if (!allowed) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), spec));
          if (to && !allowed.includes(to))
            context.report({
              node,
              message: `Layers flow ui → viz/state → engine → models → ops → data (contract from anywhere): ${from}/ may not import ${to}/ (${spec}).`,
            });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

const UI_LIBRARIES = ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'];
/** Libraries a folder may not use: UI libraries below the views, tfjs in plain-data folders. */
function libraryRule(folder, { noUi = true, noTfjs = false } = {}) {
  // Test-only helpers (*.testkit.ts) never ship.
  const patterns = [{ group: ['**/*.testkit', '**/*.testkit.ts'], message: 'Only tests import test kits.' }];
  if (noUi)
    patterns.push({
      group: UI_LIBRARIES,
      message: `${folder}/ runs in the worker and in Node: no UI libraries.`,
    });
  if (noTfjs) patterns.push({ group: ['@tensorflow/*'], message: `${folder}/ is plain data: no tfjs.` });
  return {
    files: [`src/${folder}/**`],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.testkit.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}
const layerRules = [
  {
    files: ['src/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.testkit.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/direction': 'error' },
  },
  libraryRule('contract', { noTfjs: true }),
  libraryRule('data', { noTfjs: true }),
  libraryRule('ops'),
  libraryRule('models'),
  libraryRule('engine'),
  libraryRule('state', { noTfjs: true }),
  libraryRule('viz', { noUi: false, noTfjs: true }),
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'reports',
      'bench/results',
      'bench/.build',
      // tfjs-wasm's pthread worker, written by src/engine/simd/build.mjs (git-ignored)
      'src/engine/simd/threadedWorker.generated.js',
      // bench/gpu/prepare.sh's downloads and bundle (git-ignored)
      '.gpu',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Render data as text (React children or textContent), never as HTML.',
        },
        { property: 'outerHTML', message: 'Render data as text, never as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render data as text, never as HTML.' },
        { object: 'document', property: 'write', message: 'Render data as text, never as HTML.' },
        { object: 'document', property: 'writeln', message: 'Render data as text, never as HTML.' },
        { property: 'srcdoc', message: 'No HTML documents built from strings.' },
        { property: 'createContextualFragment', message: 'No HTML parsed from strings.' },
        { object: 'Math', property: 'random', message: 'Use a seeded Rng (src/data/random.ts).' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No HTML injection.' },
        {
          selector: "NewExpression[callee.name='DOMParser']",
          message: 'No HTML parsed from strings: render data as text.',
        },
      ],
    },
  },
  ...layerRules,
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
