import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from '../local-services';

// Where a running `npm start` listens, written under its data directory so that `npm run ops`,
// `npm run token` and `npm run alerts` find a stack started on moved ports without being told each
// port again. A clean stop removes it; a killed one leaves it behind, so a reader trusts it only
// while the process that wrote it is alive.

export const STACK_FILE_NAME = 'stack.json';

export interface RunningStack {
  /** The `npm start` process that wrote the file: the file speaks for it only while it runs. */
  readonly pid: number;
  readonly apiUrl: string;
  readonly stepFunctionsEndpoint: string;
  readonly snsEndpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly consoleUrl: string;
}

const ENDPOINTS = ['apiUrl', 'stepFunctionsEndpoint', 'snsEndpoint', 'dynamoDbEndpoint', 'consoleUrl'] as const;

export const stackFilePath = (dataDir = DEFAULT_DATA_DIR) => join(dataDir, STACK_FILE_NAME);

/** Whether a process with this id runs (signal 0 checks without sending anything). */
export const processIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
};

export const writeStackFile = (stack: RunningStack, dataDir = DEFAULT_DATA_DIR): void => {
  mkdirSync(dataDir, { recursive: true });
  const picked = Object.fromEntries([['pid', stack.pid], ...ENDPOINTS.map((name) => [name, stack[name]])]);
  writeFileSync(stackFilePath(dataDir), `${JSON.stringify(picked, null, 2)}\n`);
};

const parsed = (text: string): RunningStack | undefined => {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const complete = Number.isInteger(value.pid) && ENDPOINTS.every((name) => URL.canParse(String(value[name] ?? '')));
    return complete ? (value as unknown as RunningStack) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The stack `npm start` runs with this data directory, or undefined: no file, a file that does not
 * parse, or one left by a process that is gone (killed, so it could not remove it).
 */
export const readStackFile = (
  dataDir = DEFAULT_DATA_DIR,
  { isAlive = processIsAlive }: { isAlive?: (pid: number) => boolean } = {},
): RunningStack | undefined => {
  let text: string;
  try {
    text = readFileSync(stackFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const stack = parsed(text);
  return stack && isAlive(stack.pid) ? stack : undefined;
};

/** On a clean stop: removes the file, unless another start on the same directory has written its own. */
export const removeStackFile = (pid: number, dataDir = DEFAULT_DATA_DIR): void => {
  const written = readStackFile(dataDir, { isAlive: () => true });
  if (written === undefined || written.pid === pid) rmSync(stackFilePath(dataDir), { force: true });
};

/** What `npm run token` adds on stderr: the API its token is for, when a stack runs (its port may have moved). */
export const tokenTargetLine = (stack: RunningStack | undefined): string | undefined =>
  stack && `for the local API at ${stack.apiUrl} (npm start, pid ${stack.pid})`;
