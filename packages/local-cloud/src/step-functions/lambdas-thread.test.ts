import { REPO_ROOT } from '../repo-root';
import { lambdasInOwnThread } from './lambdas-thread';

const FIXTURES = 'packages/local-cloud/src/step-functions/fixtures/failing-handlers';

describe('the Lambdas in a thread of their own', () => {
  process.env.FIXTURE_GREETING = 'set before the thread started';
  const lambdas = lambdasInOwnThread(
    {
      answers: { name: 'fixture-answers', handler: `${FIXTURES}.answersWithItsEnvironment`, timeout: 25 },
      throws: { name: 'fixture-throws', handler: `${FIXTURES}.throwsStepError`, timeout: 25 },
      hangs: { name: 'fixture-hangs', handler: `${FIXTURES}.hangs`, timeout: 25 },
      missing: { name: 'fixture-missing', handler: `${FIXTURES}.noSuchExport`, timeout: 25 },
    },
    REPO_ROOT,
    { timeoutMs: 200 },
  );
  afterAll(() => lambdas.close());

  it('runs the handler on a copy of the payload and answers its result, reading this process’s environment', async () => {
    await expect(lambdas.invoke('fixture-answers', { orderId: 'o-1' })).resolves.toEqual({
      received: { orderId: 'o-1' },
      greeting: 'set before the thread started',
    });
  });

  it('reports a thrown error under its own name, with the runtime’s JSON as the cause', async () => {
    const error = await lambdas.invoke('fixture-throws', {}).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({ name: 'CarrierUnavailable' });
    expect(JSON.parse((error as Error).message)).toMatchObject({
      errorType: 'CarrierUnavailable',
      errorMessage: 'The carrier answered 503',
    });
  });

  it('reports a handler that runs past its timeout as Sandbox.Timedout', async () => {
    await expect(lambdas.invoke('fixture-hangs', {})).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
  });

  it('reports an unknown function as Lambda.ResourceNotFoundException', async () => {
    await expect(lambdas.invoke('no-such-function', {})).rejects.toMatchObject({
      name: 'Lambda.ResourceNotFoundException',
    });
  });

  it('preloads modules, and a module with no such export fails the preload', async () => {
    await expect(lambdas.preload(['fixture-answers'])).resolves.toBeUndefined();
    await expect(lambdas.preload(['fixture-missing'])).rejects.toThrow(
      `${FIXTURES}.noSuchExport exports no handler function`,
    );
  });

  it('refuses invocations once closed, rather than leaving them unanswered', async () => {
    const closing = lambdasInOwnThread({}, REPO_ROOT);
    await closing.close();
    await expect(closing.invoke('fixture-answers', {})).rejects.toThrow(/Lambda thread exited/);
  });
});
