import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  processIsAlive,
  readStackFile,
  removeStackFile,
  stackFilePath,
  tokenTargetLine,
  writeStackFile,
  type RunningStack,
} from './stack-file';

const stackOn = (pid: number, base = 9000): RunningStack => ({
  pid,
  apiUrl: `http://127.0.0.1:${base}`,
  stepFunctionsEndpoint: `http://127.0.0.1:${base + 1}`,
  snsEndpoint: `http://127.0.0.1:${base + 2}`,
  dynamoDbEndpoint: `http://127.0.0.1:${base + 3}`,
  consoleUrl: `http://127.0.0.1:${base + 4}`,
});

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'stack-file-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the stack file', () => {
  it('gives back where a running stack listens', () => {
    writeStackFile(stackOn(process.pid), dataDir);
    expect(readStackFile(dataDir)).toEqual(stackOn(process.pid));
  });

  it('creates the data directory it is written in', () => {
    const nested = join(dataDir, 'not', 'yet');
    writeStackFile(stackOn(process.pid), nested);
    expect(readStackFile(nested)).toEqual(stackOn(process.pid));
  });

  it('keeps only where the stack listens, not whatever else it was handed', () => {
    writeStackFile({ ...stackOn(process.pid), extra: 'x' } as RunningStack, dataDir);
    expect(Object.keys(readStackFile(dataDir) ?? {})).not.toContain('extra');
  });

  it('is ignored when the process that wrote it is gone (killed, so it could not remove it)', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    expect(processIsAlive(gone)).toBe(false);
    writeStackFile(stackOn(gone), dataDir);
    expect(readStackFile(dataDir)).toBeUndefined();
    expect(readStackFile(dataDir, { isAlive: () => true })).toEqual(stackOn(gone));
  });

  it.each([
    ['missing', undefined],
    ['not JSON', '{"pid": 1,'],
    ['without a pid', JSON.stringify({ ...stackOn(1), pid: 'one' })],
    ['without an endpoint', JSON.stringify({ ...stackOn(1), snsEndpoint: undefined })],
    ['with an endpoint that is no URL', JSON.stringify({ ...stackOn(1), apiUrl: 'port 3000' })],
  ])('is no stack when %s', (_, text) => {
    if (text !== undefined) writeFileSync(stackFilePath(dataDir), text);
    expect(readStackFile(dataDir, { isAlive: () => true })).toBeUndefined();
  });

  it('is removed by the process that wrote it', () => {
    writeStackFile(stackOn(process.pid), dataDir);
    removeStackFile(process.pid, dataDir);
    expect(existsSync(stackFilePath(dataDir))).toBe(false);
    expect(() => removeStackFile(process.pid, dataDir)).not.toThrow();
  });

  it('is not removed by another process: a second start on the same directory keeps its own', () => {
    writeStackFile(stackOn(process.pid), dataDir);
    removeStackFile(process.pid + 1, dataDir);
    expect(readStackFile(dataDir)).toEqual(stackOn(process.pid));
  });
});

describe('npm run token', () => {
  it('says which API its token is for when a stack runs, wherever its port', () => {
    expect(tokenTargetLine(stackOn(4242, 9100))).toBe(
      'for the local API at http://127.0.0.1:9100 (npm start, pid 4242)',
    );
  });

  it('says nothing more when no stack runs', () => {
    expect(tokenTargetLine(undefined)).toBeUndefined();
  });
});
