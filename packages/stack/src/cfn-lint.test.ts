import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cfnLint, findCfnLint } from './cfn-lint';

describe('findCfnLint', () => {
  it('fails, saying how to install it, when cfn-lint is neither on PATH nor in pyenv’s shims', () => {
    expect(() => findCfnLint({ path: '/nonexistent/bin', home: '/nonexistent' })).toThrow(/pip install cfn-lint/);
  });
});

describe('cfnLint', () => {
  it('reports what cfn-lint finds in a template, by rule', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
    const template = join(directory, 'template.json');
    writeFileSync(
      template,
      JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { Nope: 1 } } } }),
    );

    const findings = await cfnLint(template, directory);

    expect(findings.map(({ Level, Rule }) => `${Level} ${Rule.Id}`)).toContain('Error E3002');
  }, 120_000);
});
