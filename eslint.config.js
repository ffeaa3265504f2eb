import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers, lowest first: contract (plain types the views read) and data; ops (tfjs math below the models);
 * models; engine (backends, training, the worker); state; viz; ui. A layer imports only layers below it
 * (contract from anywhere), so each rule lists what a folder may NOT reach. Tests may cross layers.
 */
const LAYERS = ['contract', 'data', 'ops', 'models', 'engine', 'state', 'viz', 'ui'];
const UI_LIBRARIES = ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'];
function layerRule(folder, forbidden, { noUi = true, noTfjs = false } = {}) {
  const patterns = [
    {
      group: forbidden.flatMap((f) => [`**/${f}`, `**/${f}/**`]),
      message: `Layers flow ui → viz/state → engine → models → ops → data (contract from anywhere): ${folder}/ may not import ${forbidden.join(', ')}.`,
    },
    // Test-only helpers (*.testkit.ts) never ship.
    { group: ['**/*.testkit', '**/*.testkit.ts'], message: 'Only tests import test kits.' },
  ];
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
const above = (folder) => LAYERS.slice(LAYERS.indexOf(folder) + 1);
const layerRules = [
  layerRule(
    'contract',
    LAYERS.filter((l) => l !== 'contract'),
    { noTfjs: true },
  ),
  layerRule('data', above('data'), { noTfjs: true }),
  layerRule('ops', above('ops')),
  layerRule('models', above('models')),
  layerRule('engine', above('engine')),
  layerRule('state', above('state'), { noTfjs: true }),
  // Views draw plain data from contract/: no engine, models, data or state types, no tfjs.
  layerRule('viz', ['data', 'ops', 'models', 'engine', 'state', 'ui'], { noUi: false, noTfjs: true }),
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
