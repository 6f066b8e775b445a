import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printService } from './service-definition';

describe("sls print's output, cached by the digest of its inputs", () => {
  let root: string;
  let serviceDir: string;
  let printed: string[][];
  let answer: string;
  const print = async (args: readonly string[]) => {
    printed.push([...args]);
    return answer;
  };
  const load = (args = ['--stage', 'local']) =>
    printService(args, { cacheDir: join(root, 'cache'), serviceDir, frameworkVersion: () => '4.3.1', print });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'print-service-'));
    serviceDir = join(root, 'service');
    mkdirSync(join(serviceDir, 'fns'), { recursive: true });
    writeFileSync(join(serviceDir, 'serverless.yml'), 'service: demo\nfunctions: ${file(fns/all.yml)}\n');
    writeFileSync(join(serviceDir, 'fns/all.yml'), 'a:\n  handler: a.handler\n');
    printed = [];
    answer = '{"service":"demo","version":1}';
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs sls print once, then answers from the cache while no input changes', async () => {
    expect(await load()).toBe(answer);
    expect(await load()).toBe(answer);
    expect(printed).toEqual([['--stage', 'local']]);
  });

  it('runs sls print again once an included file changes, and answers what it prints now', async () => {
    await load();
    writeFileSync(join(serviceDir, 'fns/all.yml'), 'a:\n  handler: b.handler\n');
    answer = '{"service":"demo","version":2}';
    expect(await load()).toBe(answer);
    expect(printed).toHaveLength(2);
  });

  it('keeps each command line apart', async () => {
    await load(['--stage', 'local']);
    await load(['--stage', 'dev']);
    await load(['--stage', 'local']);
    expect(printed).toEqual([
      ['--stage', 'local'],
      ['--stage', 'dev'],
    ]);
  });

  it('keeps nothing that is not whole JSON, so the next start asks again', async () => {
    answer = 'Error:\nsomething is wrong';
    await expect(load()).rejects.toThrow();
    answer = '{"service":"demo"}';
    expect(await load()).toBe(answer);
    expect(printed).toHaveLength(2);
  });
});
