import { strykerConfig } from '../stryker.preset.mjs';

// The workflow contract is zod schemas and a table of steps, built at import: nearly all its
// mutants are static, which the preset leaves out, so here they are counted. A static mutant runs
// every test Stryker is given, and the suites that execute the real ASL on a local stack take
// minutes each; the three suites that own the contract's rules (its schemas, what each step
// answers, and the ASL's Parameters held to them) take seconds, so each mutant is judged by those.
// Not incremental: no test is said to cover a static mutant, so a rerun would keep its survival
// even after a test that kills it was added. A full run takes about five minutes.
const preset = strykerConfig(import.meta.dirname, { ignoreStatic: false, incremental: false });

export default {
  ...preset,
  jest: {
    ...preset.jest,
    config: {
      ...preset.jest.config,
      testMatch: ['**/src/contract.test.ts', '**/src/steps.test.ts', '**/src/workflow-contract.test.ts'],
    },
  },
};
