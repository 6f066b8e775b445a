import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutionStore, type ExecutionStore } from './execution-store';
import { createLocalExecutions, type ExecutionRecord } from './local-executions';
import type { LocalWorkflow } from './local-workflow';
import type { LocalExecutionResult, RunningExecution } from './run-local-execution';

// The executions' bookkeeping, with a workflow whose executions end when the test says: what is
// written to the store and when, what a restart restores and resumes, and what a stop leaves.

const STATE_MACHINE = 'arn:aws:states:eu-west-1:000000000000:stateMachine:tiny';

/** A workflow whose every execution runs until `finish(name, result)` or its abort. */
const controlledWorkflow = () => {
  const runs = new Map<string, (result: LocalExecutionResult) => void>();
  const started: string[] = [];
  const workflow = {
    stateMachineArn: STATE_MACHINE,
    stateMachineName: 'tiny',
    aliasArns: [],
    definition: { StartAt: 'Only', States: { Only: { Type: 'Succeed' } } },
    executionArn: (name: string) => `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:${name}`,
    start: (name: string): RunningExecution => {
      started.push(name);
      const result = new Promise<LocalExecutionResult>((resolve) => runs.set(name, resolve));
      return {
        result,
        abort: () => runs.get(name)?.({ status: 'ABORTED', events: [] }),
        handlersSettled: async () => undefined,
      };
    },
  } as unknown as LocalWorkflow;
  const finish = async (
    name: string,
    result: LocalExecutionResult = { status: 'SUCCEEDED', output: {}, events: [] },
  ) => {
    runs.get(name)?.(result);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { workflow, started, finish };
};

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'local-executions-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const statusesOnDisk = (store: ExecutionStore) =>
  Object.fromEntries(store.load().executions.map(({ name, status }) => [name, status]));

describe('local executions with a store', () => {
  it('writes an execution when it starts and when it closes; a restart serves the closed one and refuses its name', async () => {
    const store = createExecutionStore(directory);
    const { workflow, finish } = controlledWorkflow();
    const executions = createLocalExecutions({ workflow, region: 'eu-west-1', store });

    executions.start({ name: 'order-1', input: '{"n":1}' });
    expect(statusesOnDisk(store)).toEqual({ 'order-1': 'RUNNING' });
    await finish('order-1');
    expect(statusesOnDisk(store)).toEqual({ 'order-1': 'SUCCEEDED' });

    const restarted = createLocalExecutions({ workflow: controlledWorkflow().workflow, region: 'eu-west-1', store });
    expect(restarted.resumeRunning()).toEqual({ resumed: 0, closed: 1, problems: [] });
    expect(restarted.describe(workflow.executionArn('order-1'))).toMatchObject({ status: 'SUCCEEDED', output: '{}' });
    expect(() => restarted.start({ name: 'order-1', input: '{"n":1}' })).toThrow(
      expect.objectContaining({ type: 'ExecutionAlreadyExists' }),
    );
  });

  it('leaves what a stop of the stack aborts RUNNING on disk, and the next start re-drives it once, newest first', async () => {
    const store = createExecutionStore(directory);
    const first = controlledWorkflow();
    const onClosed = jest.fn();
    const executions = createLocalExecutions({ workflow: first.workflow, region: 'eu-west-1', store, onClosed });
    executions.start({ name: 'older', input: '{}' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    executions.start({ name: 'newer', input: '{}' });

    const left = await executions.abortAll();

    expect(left.map(({ name, status, error }) => ({ name, status, error }))).toEqual([
      { name: 'older', status: 'ABORTED', error: 'LocalStackStopped' },
      { name: 'newer', status: 'ABORTED', error: 'LocalStackStopped' },
    ]);
    expect(onClosed).not.toHaveBeenCalled();
    expect(statusesOnDisk(store)).toEqual({ older: 'RUNNING', newer: 'RUNNING' });

    const second = controlledWorkflow();
    const restarted = createLocalExecutions({ workflow: second.workflow, region: 'eu-west-1', store });
    expect(restarted.list('RUNNING').map((execution: ExecutionRecord) => execution.name)).toEqual(['newer', 'older']);
    expect(restarted.resumeRunning()).toEqual({ resumed: 2, closed: 0, problems: [] });
    restarted.resumeRunning();
    expect(second.started).toEqual(['older', 'newer']);
    await second.finish('older');
    restarted.resumeRunning();
    expect(second.started).toEqual(['older', 'newer']);
    expect(statusesOnDisk(store)).toEqual({ older: 'SUCCEEDED', newer: 'RUNNING' });
  });

  it('writes an execution stopped by StopExecution as ABORTED, with the reason given', async () => {
    const store = createExecutionStore(directory);
    const { workflow } = controlledWorkflow();
    const executions = createLocalExecutions({ workflow, region: 'eu-west-1', store });
    executions.start({ name: 'order-1', input: '{}' });

    executions.stop(workflow.executionArn('order-1'), { error: 'Ops.Cancelled', cause: 'asked' });
    await executions.settled();

    expect(store.load().executions).toEqual([
      expect.objectContaining({ status: 'ABORTED', error: 'Ops.Cancelled', cause: 'asked' }),
    ]);
  });

  it('says, and does not throw, when a close cannot be written', async () => {
    const store = createExecutionStore(directory);
    const { workflow, finish } = controlledWorkflow();
    const onClosed = jest.fn();
    const executions = createLocalExecutions({ workflow, region: 'eu-west-1', store, onClosed });
    executions.start({ name: 'order-1', input: '{}' });
    jest.spyOn(store, 'save').mockImplementation(() => {
      throw new Error('ENOSPC: no space left on device');
    });
    const said = jest.spyOn(console, 'error').mockImplementation(() => undefined);

    await finish('order-1');

    expect(said).toHaveBeenCalledWith('[step-functions] could not write order-1: ENOSPC: no space left on device');
    expect(onClosed).toHaveBeenCalledWith(expect.objectContaining({ name: 'order-1', status: 'SUCCEEDED' }));
  });
});

describe('local executions while the stack stops', () => {
  it('refuses new executions with ServiceUnavailable (503), lets running ones finish, and tells whether they did in time', async () => {
    const { workflow, finish } = controlledWorkflow();
    const executions = createLocalExecutions({ workflow, region: 'eu-west-1' });
    executions.start({ name: 'order-1', input: '{}' });

    executions.refuseNewStarts();

    expect(() => executions.start({ name: 'order-2', input: '{}' })).toThrow(
      expect.objectContaining({ type: 'ServiceUnavailable', statusCode: 503 }),
    );
    expect(executions.runningCount).toBe(1);
    expect(await executions.settledWithin(0)).toBe(false);
    const settling = executions.settledWithin(60_000);
    await finish('order-1');
    expect(await settling).toBe(true);
    expect(await executions.abortAll()).toEqual([]);
  });
});
