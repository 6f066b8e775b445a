import { describeMachine, measureEverything, renderReport } from '@order-platform/bench';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';

// npm run bench: every performance figure of the platform, measured in one run on this machine,
// each beside its floor, and written to docs/benchmarks.md. Exits 1 when a goal is missed.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The step Lambdas the local workflow runs in this process log at INFO to stdout: not wanted here.
process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const log = (line: string) => process.stderr.write(`${line}\n`);

const main = async () => {
  const startedAt = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'order-platform-bench-'));
  try {
    const sections = await measureEverything(workDir, log);
    const minutes = (performance.now() - startedAt) / 60_000;
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const report = renderReport(sections, { minutes, commit, date: new Date(), machine: describeMachine() });
    const target = join(REPO_ROOT, 'docs', 'benchmarks.md');
    // Formatted as `npm run lint` expects the repository's Markdown to be.
    const options = (await prettier.resolveConfig(target)) ?? {};
    writeFileSync(target, await prettier.format(report, { ...options, filepath: target }));
    log(`\nWritten to docs/benchmarks.md (${minutes.toFixed(1)} minutes).`);
    const missed = sections.filter((section) => !section.met).length;
    if (missed > 0) {
      log(`${missed} goal(s) missed: see docs/benchmarks.md.`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((error: Error) => {
  log(error.stack ?? error.message);
  process.exit(1);
});
