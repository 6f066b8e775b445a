import {
  describeMachine,
  measureEverything,
  renderReport,
  SECTION_NAMES,
  type SectionName,
} from '@order-platform/bench';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';

// npm run bench [-- --only start,throughput] [--baseline-ref REF]: every performance figure of the
// platform, measured in one run on this machine, each beside its floor, and written to
// docs/benchmarks.md. Exits 1 when a goal is missed. With --only, the sections named run and their
// report goes to .local/bench/ (docs/benchmarks.md is the whole run's).

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The step Lambdas the local workflow runs in this process log at INFO to stdout: not wanted here.
process.env.AWS_LAMBDA_LOG_LEVEL = 'WARN';

const log = (line: string) => process.stderr.write(`${line}\n`);

const parseBenchArguments = () => {
  const { values } = parseArgs({ options: { only: { type: 'string' }, 'baseline-ref': { type: 'string' } } });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0)
    throw new Error(`--only: no section ${unknown.join(', ')} (sections: ${SECTION_NAMES.join(', ')})`);
  return { only: only && new Set(only as SectionName[]), baselineRef: values['baseline-ref'] };
};

const main = async () => {
  const options = parseBenchArguments();
  const startedAt = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'order-platform-bench-'));
  try {
    const sections = await measureEverything(workDir, log, options);
    const minutes = (performance.now() - startedAt) / 60_000;
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const report = renderReport(sections, { minutes, commit, date: new Date(), machine: describeMachine() });
    const target = options.only
      ? join(REPO_ROOT, '.local', 'bench', `benchmarks-${[...options.only].join('-')}.md`)
      : join(REPO_ROOT, 'docs', 'benchmarks.md');
    mkdirSync(join(target, '..'), { recursive: true });
    // Formatted as `npm run lint` expects the repository's Markdown to be.
    const formatting = (await prettier.resolveConfig(join(REPO_ROOT, 'docs', 'benchmarks.md'))) ?? {};
    writeFileSync(target, await prettier.format(report, { ...formatting, filepath: target }));
    log(`\nWritten to ${target} (${minutes.toFixed(1)} minutes).`);
    const missed = sections.filter((section) => !section.met).length;
    if (missed > 0) {
      log(`${missed} goal(s) missed: see ${target}.`);
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
