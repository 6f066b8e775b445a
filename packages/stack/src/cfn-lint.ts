import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

export interface CfnLintMatch {
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/**
 * Where cfn-lint is: on PATH, or in pyenv's shims, where the machines' image installs it and
 * where a shell that has not read ~/.bashrc does not look. Missing is an error, never a skip.
 */
export const findCfnLint = ({ path = process.env.PATH ?? '', home = process.env.HOME ?? '' } = {}): string => {
  const candidates = [...path.split(delimiter).filter(Boolean), join(home, '.pyenv', 'shims')].map((directory) =>
    join(directory, 'cfn-lint'),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      'cfn-lint is not installed (looked on PATH and in ~/.pyenv/shims): `pip install cfn-lint` (1.x) puts it on PATH',
    );
  }
  return found;
};

/** cfn-lint's findings on a template, with the .cfnlintrc of `projectRoot` (cfn-lint reads it from its working directory). */
export const cfnLint = async (templatePath: string, projectRoot: string): Promise<CfnLintMatch[]> => {
  const executable = findCfnLint();
  // cfn-lint exits non-zero when it finds anything; its findings are on stdout either way.
  const { stdout } = await promisify(execFile)(executable, ['--format', 'json', templatePath], {
    cwd: projectRoot,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    if (!error.stdout?.trim().startsWith('[')) throw new Error(`cfn-lint failed: ${error.stderr || error.message}`);
    return { stdout: error.stdout };
  });
  return JSON.parse(stdout) as CfnLintMatch[];
};
