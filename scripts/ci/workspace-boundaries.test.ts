import { RuleTester, type Rule } from 'eslint';
import { join } from 'node:path';
import * as tseslint from 'typescript-eslint';

// The lint rule that keeps workspaces entered by their package names, shown to catch what it is for.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, as eslint.config.js requires it
const { rules } = require('./workspace-boundaries.js') as { rules: Record<string, Rule.RuleModule> };

const root = join(__dirname, '..', '..');
const at = (path: string) => join(root, path);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never, sourceType: 'module' } });

tester.run('imports-by-package-name', rules['imports-by-package-name'] as Rule.RuleModule, {
  valid: [
    {
      filename: at('packages/ops/src/cli/ops-cli.ts'),
      code: "import { buildExecutionReader } from '../execution-reader';",
    },
    { filename: at('packages/ops/src/index.ts'), code: "export * from './execution-report';" },
    { filename: at('packages/ops/src/execution-reader.ts'), code: "import { SFNClient } from '@aws-sdk/client-sfn';" },
    { filename: at('packages/ops/src/execution-reader.ts'), code: "import { readFileSync } from 'node:fs';" },
    {
      filename: at('services/orders/functions/get-order/get-order.ts'),
      code: "import { ROUTES } from '@order-platform/api/routes';",
    },
    // Types and tests may use the root's shared toolchain.
    {
      filename: at('services/orders/functions/get-order/get-order.ts'),
      code: "import type { Context } from 'aws-lambda';",
    },
    { filename: at('packages/domain/src/order.test.ts'), code: "import { mockClient } from 'aws-sdk-client-mock';" },
    { filename: at('packages/ops/jest.config.js'), code: "const preset = require('../../jest.preset.js');" },
    { filename: at('scripts/start.ts'), code: "import { startLocalPlatform } from '@order-platform/local-cloud';" },
    { filename: at('packages/ops/src/index.ts'), code: "export { readableCause } from './execution-report';" },
    { filename: at('packages/ops/src/index.ts'), code: 'export const local = true;' },
    { filename: at('packages/ops/src/cli/ops-cli.ts'), code: "const fs = await import('node:fs');" },
    { filename: at('packages/ops/src/cli/ops-cli.ts'), code: 'const loaded = await import(moduleName);' },
    { filename: at('packages/ops/src/cli/ops-cli.ts'), code: "const path = require.resolve('./ops-format');" },
  ],
  invalid: [
    {
      filename: at('packages/ops/src/index.ts'),
      code: "export { ROUTES } from '../../api/src/routes';",
      errors: [{ message: /leaves @order-platform\/ops: import @order-platform\/api by its package name/ }],
    },
    {
      filename: at('packages/ops/src/cli/ops-cli.ts'),
      code: "const { ROUTES } = await import('../../../api/src/routes');",
      errors: [{ message: /leaves @order-platform\/ops: import @order-platform\/api by its package name/ }],
    },
    {
      filename: at('packages/domain/src/order.ts'),
      code: "const where = require.resolve('@aws-sdk/client-sfn');",
      errors: [{ message: '@aws-sdk/client-sfn is not declared in packages/domain/package.json' }],
    },
    {
      filename: at('packages/ops/src/cli/ops-cli.ts'),
      code: "import { ROUTES } from '../../../api/src/routes';",
      errors: [
        {
          message:
            "'../../../api/src/routes' leaves @order-platform/ops: import @order-platform/api by its package name",
        },
      ],
    },
    {
      filename: at('tests/e2e/local-stack.ts'),
      code: "import { startLocalPlatform } from '../../packages/local-cloud/src';",
      errors: [{ message: /leaves order-platform: import @order-platform\/local-cloud by its package name/ }],
    },
    {
      filename: at('packages/ops/src/cli/ops-format.ts'),
      code: "import type { ExecutionReport } from '@order-platform/ops';",
      errors: [{ message: '@order-platform/ops imports itself by name: import the module relatively' }],
    },
    {
      filename: at('packages/domain/src/order.ts'),
      code: "import { SFNClient } from '@aws-sdk/client-sfn';",
      errors: [{ message: '@aws-sdk/client-sfn is not declared in packages/domain/package.json' }],
    },
    {
      filename: at('packages/domain/src/order.ts'),
      code: "import { mockClient } from 'aws-sdk-client-mock';",
      errors: [{ message: 'aws-sdk-client-mock is not declared in packages/domain/package.json' }],
    },
    {
      filename: at('packages/domain/src/order.ts'),
      code: "const sdk = require('@aws-sdk/client-sfn');",
      errors: [{ message: '@aws-sdk/client-sfn is not declared in packages/domain/package.json' }],
    },
  ],
});
