// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const jest = require('eslint-plugin-jest');
const workspaces = require('./scripts/ci/workspace-boundaries.js');

module.exports = tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.serverless/**',
      '**/.esbuild/**',
      '**/.turbo/**',
      '.local/**',
      'coverage/**',
      '**/reports/**',
      '**/.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The design rule: zod's named import bundles every locale.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^zod(\\/mini)?$/] > ImportSpecifier',
          message: "Use `import * as z from 'zod/mini'`: the named import bundles every locale.",
        },
      ],
    },
  },
  {
    // Code that ends up in a Lambda bundle.
    files: ['packages/**', 'services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          name: 'zod',
          message:
            "Use `import * as z from 'zod/mini'`: classic zod added 98 KB and ~8 ms to create-order's cold start.",
        },
      ],
    },
  },
  {
    // The peer npm run bench measures ours against is built the usual way on purpose: classic zod.
    files: ['packages/bench/src/peer/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error, and an async function where a
    // callback's result is ignored (an event handler, a forEach) runs unobserved.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: process.cwd() } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-nested-ternary': 'error',
      'max-depth': ['error', 3],
    },
  },
  {
    // A function a reader can hold: a longer one does several jobs, which want names of their own.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      // Statements of one body (an inner function's are its own): a factory of small methods passes.
      'max-statements': ['error', 30],
      complexity: ['error', 20],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Each workspace is entered by its package name, and declares what it imports.
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { workspaces },
    rules: { 'workspaces/imports-by-package-name': 'error' },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.test.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
    },
  },
);
