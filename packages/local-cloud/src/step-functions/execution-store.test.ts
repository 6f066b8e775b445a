import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../repo-root';
import type { HistoryEvent } from './execution-history';
import { createExecutionStore, type StoredExecution } from './execution-store';

const isAlive = (processGroup: number) => {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch {
    return false;
  }
};

const ARN = 'arn:aws:states:eu-west-1:000000000000:stateMachine:tiny';

const anExecution = (name: string, changes: Partial<StoredExecution> = {}): StoredExecution => ({
  executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:${name}`,
  stateMachineArn: ARN,
  name,
  input: '{"orderId":"o-1"}',
  startDate: new Date('2026-12-01T10:00:00.000Z'),
  status: 'RUNNING',
  events: [],
  ...changes,
});

const started: HistoryEvent = {
  id: 1,
  previousEventId: 0,
  timestamp: new Date('2026-12-01T10:00:00.000Z'),
  type: 'ExecutionStarted',
  executionStartedEventDetails: { input: '{"orderId":"o-1"}' },
};

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'execution-store-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('the on-disk execution store', () => {
  it('gives back what it saved, dates as dates, oldest first, the last save of each execution winning', () => {
    const store = createExecutionStore(directory);
    const later = anExecution('later', { startDate: new Date('2026-12-01T11:00:00.000Z') });
    store.save(later);
    store.save(anExecution('first'));
    const closed = anExecution('first', {
      status: 'SUCCEEDED',
      stopDate: new Date('2026-12-01T10:00:05.000Z'),
      output: '{"ok":true}',
      stateMachineAliasArn: `${ARN}:live`,
      events: [started],
    });
    store.save(closed);

    const { executions, problems } = createExecutionStore(directory).load();

    expect(problems).toEqual([]);
    expect(executions).toEqual([closed, later]);
    expect(readdirSync(directory).sort()).toEqual(['first.json', 'later.json']);
  });

  it('keeps names apart that a file system might not (case, dots, long Unicode), and reads them back', () => {
    const store = createExecutionStore(directory);
    const names = ['..', 'Ünïcode-名前', 'a.b', 'A.B', '😀'.repeat(80), `${'😀'.repeat(79)}😁`];
    for (const name of names) store.save(anExecution(name));
    // Names that differ only by case must not share a file on a case-insensitive disk.
    expect(new Set(readdirSync(directory).map((file) => file.toLowerCase())).size).toBe(names.length);

    expect(
      store
        .load()
        .executions.map((execution) => execution.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it('reports a torn or unknown file and skips it, keeping every other execution', () => {
    const store = createExecutionStore(directory);
    store.save(anExecution('whole'));
    writeFileSync(join(directory, 'torn.json'), '{"format":1,"execution":{"executionArn":"arn:');
    writeFileSync(join(directory, 'future.json'), JSON.stringify({ format: 2, execution: {} }));
    writeFileSync(
      join(directory, 'odd-status.json'),
      JSON.stringify({ format: 1, execution: { ...anExecution('odd-status'), status: 'PAUSED' } }),
    );
    writeFileSync(join(directory, 'notes.txt'), 'mine');

    const { executions, problems } = store.load();

    expect(executions.map((execution) => execution.name)).toEqual(['whole']);
    expect(problems).toEqual([
      `${join(directory, 'future.json')}: unknown format 2 (this version writes 1); skipped, left as it is`,
      `${join(directory, 'notes.txt')}: not an execution file, left as it is`,
      `${join(directory, 'odd-status.json')}: unknown status PAUSED; skipped, left as it is`,
      expect.stringMatching(/torn\.json: not JSON \(.+\); skipped, left as it is$/),
    ]);
    expect(readFileSync(join(directory, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it.each([
    ['null', 'unknown format undefined (this version writes 1)'],
    [JSON.stringify({ format: 1 }), 'no execution in it'],
    [JSON.stringify({ format: 1, execution: { ...anExecution('x'), name: 7 } }), 'no name'],
    [JSON.stringify({ format: 1, execution: { ...anExecution('x'), startDate: 'yesterday' } }), 'no startDate'],
    [JSON.stringify({ format: 1, execution: { ...anExecution('x'), events: {} } }), 'no events'],
    [
      JSON.stringify({ format: 1, execution: { ...anExecution('x'), events: [{ ...started, id: '1' }] } }),
      'an event without an id or a timestamp',
    ],
  ])('skips a file that is not a whole execution, saying what it lacks (%s)', (content, lack) => {
    writeFileSync(join(directory, 'x.json'), content);

    expect(createExecutionStore(directory).load()).toEqual({
      executions: [],
      problems: [`${join(directory, 'x.json')}: ${lack}; skipped, left as it is`],
    });
  });

  it('removes and reports the temporary file of a write a kill interrupted, keeping the execution as last saved', () => {
    const store = createExecutionStore(directory);
    store.save(anExecution('order-1'));
    // What a kill during writeFileSync leaves: the temporary file, half written; the file as it was.
    writeFileSync(join(directory, 'order-1.json.4242-7.tmp'), '{"format":1,"execution":{"status":"SUCC');

    const { executions, problems } = store.load();

    expect(executions).toEqual([anExecution('order-1')]);
    expect(problems).toEqual([
      `${join(directory, 'order-1.json.4242-7.tmp')}: an unfinished write (the process stopped during it), removed`,
    ]);
    expect(readdirSync(directory)).toEqual(['order-1.json']);
  });

  it('never leaves a torn execution file when its process is killed while writing', async () => {
    // A writer saving large executions over and over, killed once it has saved a few times.
    const writer = spawn(
      join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [
        '-e',
        `
        const { createExecutionStore } = require(${JSON.stringify(join(__dirname, 'execution-store.ts'))});
        const store = createExecutionStore(${JSON.stringify(directory)});
        const events = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, previousEventId: i, timestamp: new Date(), type: 'PassStateEntered', stateEnteredEventDetails: { input: 'x'.repeat(500) } }));
        for (let saves = 1; ; saves += 1) {
          for (const name of ['a', 'b', 'c']) {
            store.save({ executionArn: 'arn:' + name, stateMachineArn: 'arn:sm', name, input: '{}', startDate: new Date(), status: 'RUNNING', events });
          }
          if (saves === 5) process.stdout.write('saved\\n');
        }
        `,
      ],
      // Its own process group: tsx runs the script in a child process, which the kill must reach.
      { stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    process.kill(-(writer.pid as number), 'SIGKILL');
    await exited;
    // The group's last process (tsx's child, the writer) is gone once the group can no longer be signalled.
    while (isAlive(writer.pid as number)) await new Promise((resolve) => setImmediate(resolve));

    const { executions, problems } = createExecutionStore(directory).load();

    expect(executions.map((execution) => execution.name).sort()).toEqual(['a', 'b', 'c']);
    expect(executions.every((execution) => execution.events.length === 2000)).toBe(true);
    expect(problems.every((problem) => problem.includes('an unfinished write'))).toBe(true);
  }, 30_000);
});
