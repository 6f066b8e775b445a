// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const jest = require('eslint-plugin-jest');

module.exports = tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/.serverless/**', '**/.esbuild/**', '**/.turbo/**', '.local/**', 'coverage/**'],
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
