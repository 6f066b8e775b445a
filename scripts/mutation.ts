// npm run mutation [-- <workspace>...]: Stryker on each workspace that holds the rules, one after
// the other (niced: it runs for a long time on two cores), then one line per workspace with its
// mutation score. Fails when any is under the floor. Not part of `npm test`. See docs/mutation.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const FLOOR = 85;
/** The workspaces that hold the rules, payments last (its steps change most often). */
const WORKSPACES = [
  'packages/domain',
  'packages/persistence',
  'packages/http',
  'packages/lambda',
  'step-functions',
  'services/procurement',
  'services/dispatch',
  'services/payments',
];

interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Stryker's mutation score: detected (killed or timed out) over every valid mutant, untested ones included. */
const scoreOf = (report: MutationReport) => {
  const statuses = Object.values(report.files).flatMap((file) => file.mutants.map((mutant) => mutant.status));
  const count = (...wanted: string[]) => statuses.filter((status) => wanted.includes(status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  return { detected, undetected, score: (100 * detected) / Math.max(1, detected + undetected) };
};

const selected = process.argv.slice(2);
const unknown = selected.filter((workspace) => !WORKSPACES.includes(workspace));
if (unknown.length > 0) {
  console.error(`Not a mutation-tested workspace: ${unknown.join(', ')} (one of: ${WORKSPACES.join(', ')})`);
  process.exit(2);
}
const lines: string[] = [];
let failed = false;
for (const workspace of selected.length > 0 ? selected : WORKSPACES) {
  const cwd = join(ROOT, workspace);
  const run = spawnSync('nice', ['-n', '10', 'npx', 'stryker', 'run'], { cwd, stdio: 'inherit' });
  const reportFile = join(cwd, 'reports', 'mutation', 'mutation.json');
  if (run.status !== 0 || !existsSync(reportFile)) {
    lines.push(`${workspace.padEnd(22)} Stryker failed (exit ${run.status})`);
    failed = true;
    continue;
  }
  const { detected, undetected, score } = scoreOf(JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport);
  if (score < FLOOR) failed = true;
  lines.push(
    `${workspace.padEnd(22)} ${score.toFixed(1).padStart(5)}%  (${detected} detected, ${undetected} undetected)${score < FLOOR ? `  under ${FLOOR}%` : ''}`,
  );
}
console.log(['', 'Mutation scores:', ...lines].join('\n'));
process.exitCode = failed ? 1 : 0;
