import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Template } from './cloudformation';

export const repoRoot = join(__dirname, '..', '..');
const sls = join(repoRoot, 'node_modules', '.bin', 'sls');

/** Runs `sls package --stage <stage>` offline, with no credentials, and returns the template. */
export const packageStage = async (stage: string): Promise<{ template: Template; directory: string }> => {
  const directory = mkdtempSync(join(tmpdir(), `sls-package-${stage}-`));
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  await promisify(execFile)(sls, ['package', '--stage', stage, '--package', directory], {
    cwd: repoRoot,
    env: { ...environment, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    timeout: 120_000,
  });
  const template = JSON.parse(
    readFileSync(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { template, directory };
};
