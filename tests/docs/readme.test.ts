import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@order-platform/local-cloud';

// What the README says that a test can check: that it names every stage parameter serverless.yml
// has, and that its shell commands paste as they are.

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const serverlessYml = readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8');

/** The parameter names under `params:` (every stage's block), from the file as written. */
const stageParameters = () => {
  const block = serverlessYml.slice(serverlessYml.indexOf('\nparams:'), serverlessYml.indexOf('\nprovider:'));
  return [...new Set([...block.matchAll(/^ {4}(\w+):/gm)].map((match) => match[1] as string))].sort();
};

/** Lines of the README's `sh` blocks, with their line numbers. */
const shellLines = () => {
  const lines: { line: number; text: string }[] = [];
  let inShell = false;
  readme.split('\n').forEach((text, index) => {
    if (text.startsWith('```')) inShell = !inShell && text === '```sh';
    else if (inShell) lines.push({ line: index + 1, text });
  });
  return lines;
};

describe('the README', () => {
  it('names every stage parameter serverless.yml has, in its list of them', () => {
    const list = readme.slice(
      readme.indexOf('Stage parameters (`params`'),
      readme.indexOf('Every resource name carries'),
    );

    expect(stageParameters().length).toBeGreaterThan(20);
    expect(stageParameters().filter((name) => !list.includes(`\`${name}\``))).toEqual([]);
  });

  it('has no placeholder a shell would take for a redirection in a command: they are $VARIABLES', () => {
    const unquoted = (text: string) => text.replace(/'[^']*'|"[^"]*"/g, '""').replace(/\s#.*$/, '');
    const redirections = shellLines().filter(({ text }) => /<[A-Za-z][\w-]*>/.test(unquoted(text)));

    expect(shellLines().length).toBeGreaterThan(20);
    expect(redirections).toEqual([]);
  });
});
