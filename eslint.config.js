import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The worker-side math (data, models, engine) must never reach UI code (STYLE.md §6). */
const noUiImports = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'],
      message: 'data/models/engine run in the worker and in Node: no UI libraries.',
    },
    {
      group: ['**/ui/*', '**/viz/*', '**/state/*'],
      message: 'Dependencies flow ui → viz/state → engine → models → data.',
    },
  ],
};

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
  {
    files: ['src/data/**', 'src/models/**', 'src/engine/**'],
    rules: { 'no-restricted-imports': ['error', noUiImports] },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
