import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { includedFiles, serviceInputsKey } from './service-inputs';

describe('the digest of what sls print resolves from', () => {
  let serviceDir: string;
  const write = (path: string, text: string) => {
    mkdirSync(join(serviceDir, path, '..'), { recursive: true });
    writeFileSync(join(serviceDir, path), text);
  };
  const key = (commandLine = ['--stage', 'local'], version = '4.3.1') =>
    serviceInputsKey(serviceDir, commandLine, version);

  beforeEach(() => {
    serviceDir = mkdtempSync(join(tmpdir(), 'service-inputs-'));
    write(
      'serverless.yml',
      [
        'service: demo',
        'plugins:',
        '  - serverless-offline',
        '  - ./plugins/local-plugin.js',
        'functions:',
        '  - ${file(fns/a.yml)}',
        'custom:',
        "  region: ${env:DEMO_REGION, 'eu-west-1'}",
      ].join('\n'),
    );
    write('fns/a.yml', 'a:\n  handler: a.handler\n  environment: ${file(fns/b.yml):environment}\n');
    write('fns/b.yml', 'environment:\n  NAME: one\n');
    write('plugins/local-plugin.js', 'module.exports = class {};\n');
    write('plugins/src/helper.ts', 'export const x = 1;\n');
    write('package-lock.json', '{"lockfileVersion":3}');
    write('unrelated.yml', 'not: included\n');
  });
  afterEach(() => rmSync(serviceDir, { recursive: true, force: true }));

  it('follows ${file()} includes to the end, from the service directory', () => {
    expect(includedFiles(serviceDir).map((path) => path.slice(serviceDir.length + 1))).toEqual([
      'fns/a.yml',
      'fns/b.yml',
      'serverless.yml',
    ]);
  });

  it('is the same while nothing changes', () => {
    expect(key()).toBe(key());
  });

  it('changes when a file included two levels down changes', () => {
    const before = key();
    write('fns/b.yml', 'environment:\n  NAME: two\n');
    expect(key()).not.toBe(before);
  });

  it('changes when an included file is deleted', () => {
    const before = key();
    rmSync(join(serviceDir, 'fns/b.yml'));
    expect(key()).not.toBe(before);
  });

  it("changes when a local plugin's source, or the lock file, changes", () => {
    const before = key();
    write('plugins/src/helper.ts', 'export const x = 2;\n');
    const afterPlugin = key();
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    expect(new Set([before, afterPlugin, key()]).size).toBe(3);
  });

  it('changes with the command line (stage, params) and the framework version', () => {
    expect(new Set([key(), key(['--stage', 'dev']), key(['--stage', 'local'], '4.3.2')]).size).toBe(3);
  });

  it('changes when an environment variable serverless.yml names changes, not another', () => {
    const before = key();
    process.env.SOME_OTHER_VARIABLE = 'x';
    expect(key()).toBe(before);
    process.env.DEMO_REGION = 'us-east-1';
    try {
      expect(key()).not.toBe(before);
    } finally {
      delete process.env.DEMO_REGION;
      delete process.env.SOME_OTHER_VARIABLE;
    }
  });

  it('does not change for a file serverless.yml does not include', () => {
    const before = key();
    write('unrelated.yml', 'still: not included\n');
    expect(key()).toBe(before);
  });
});
