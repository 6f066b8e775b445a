import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INSPECTION_PARAMS } from '@order-platform/stack';
import type { Template } from '@order-platform/stack/template';

export const repoRoot = join(__dirname, '..', '..');
const sls = join(repoRoot, 'node_modules', '.bin', 'sls');

/** Runs `sls package --stage <stage> [params]` offline, with no AWS credentials in its environment. */
export const runPackage = (stage: string, directory: string, params: readonly string[]) => {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  return promisify(execFile)(sls, ['package', '--stage', stage, '--package', directory, ...params], {
    cwd: repoRoot,
    env: { ...environment, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
};

/** Packages a stage for inspection (an explicit JWT issuer), and returns the template. */
export const packageStage = async (stage: string): Promise<{ template: Template; directory: string }> => {
  const directory = mkdtempSync(join(tmpdir(), `sls-package-${stage}-`));
  await runPackage(stage, directory, INSPECTION_PARAMS);
  const template = JSON.parse(
    readFileSync(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { template, directory };
};
