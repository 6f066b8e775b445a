import { REPO_ROOT } from '../repo-root';
import { inProcessLambdas } from './in-process-lambdas';

const FIXTURES = 'packages/local-cloud/src/step-functions/fixtures/failing-handlers';

describe('in-process Lambdas', () => {
  it('loads the named functions’ modules when asked, before any invocation, and ignores other names', async () => {
    const lambdas = inProcessLambdas(
      {
        throws: { name: 'fixture-throws', handler: `${FIXTURES}.throwsStepError`, timeout: 25 },
        missing: { name: 'fixture-missing', handler: `${FIXTURES}.noSuchExport`, timeout: 25 },
      },
      REPO_ROOT,
    );

    await expect(lambdas.preload(['fixture-throws', 'not-a-function-here'])).resolves.toBeUndefined();
    // Loading is where a handler that is not exported shows up: preloading finds it first.
    await expect(lambdas.preload(['fixture-missing'])).rejects.toThrow(
      `${FIXTURES}.noSuchExport exports no handler function`,
    );
  });
});
