import { REPO_ROOT, signLocalToken } from '@order-platform/local-cloud';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IN_FLIGHT, ORDERS } from '../local-stack';
import { measureRound, ordersPerSecond, type Side, type ThroughputFigures, type ThroughputRound } from '../throughput';
import { machineCpuTicks, processTreeCpuMs } from './cpu-time';
import { runLoad, startNpmStart, stop } from './local-stack';
import { machineLoad } from './machine-load';

// Measures the local stack's throughput, this checkout against a baseline checkout (the goal is
// ../throughput.ts's), in rounds that alternate: baseline, this, baseline, this, …

/** main when the issue asked for this comparison ("today's main"); `--baseline-ref` names another. */
export const DEFAULT_BASELINE_REF = '898f2bc';
export const THROUGHPUT_ROUNDS = 2;

/**
 * The baseline as a git worktree of this repository, installed: kept in the temporary directory
 * between runs (one per commit), so only the first run pays for `npm ci`.
 */
export const baselineCheckout = (ref: string, log: (line: string) => void) => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short=12', `${ref}^{commit}`);
  const directory = join(tmpdir(), `order-platform-baseline-${commit}`);
  if (!existsSync(join(directory, 'package.json'))) {
    log(`baseline: git worktree of ${ref} (${commit}) in ${directory}…`);
    git('worktree', 'add', '--force', '--detach', directory, commit);
  }
  if (!existsSync(join(directory, 'node_modules', '.package-lock.json'))) {
    log('baseline: npm ci…');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // The load's tokens are signed with this checkout's local key: the baseline must accept them too.
  signLocalToken('bench-key-check');
  const identity = join('.local', 'identity', 'signing-key.pem');
  mkdirSync(join(directory, '.local', 'identity'), { recursive: true, mode: 0o700 });
  copyFileSync(join(REPO_ROOT, identity), join(directory, identity));
  return { directory, commit };
};

const loadOneStart = async (side: Side, checkout: string, log: (line: string) => void) => {
  const { child, ports, readyMs } = await startNpmStart(checkout);
  try {
    log(`${side}: npm start ready in ${(readyMs / 1000).toFixed(1)} s; ${ORDERS} orders, ${IN_FLIGHT} in flight…`);
    const stackBefore = processTreeCpuMs(child.pid as number);
    const machineBefore = machineCpuTicks();
    const measured = await runLoad(ports);
    const machineAfter = machineCpuTicks();
    const load = {
      ...measured,
      cpu: {
        stackMsPerOrder: (processTreeCpuMs(child.pid as number) - stackBefore) / measured.accepted,
        machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
        cores: cpus().length,
      },
    };
    log(
      `${side}: ${ordersPerSecond(load).toFixed(1)} orders/s, POST p99 ${load.p99.toFixed(0)} ms, lost ${load.lost}, stuck ${load.stuck}, ${load.cpu.stackMsPerOrder.toFixed(0)} ms CPU per order`,
    );
    return load;
  } finally {
    await stop(child);
  }
};

/** One round; one whose `npm start` fails or times out is a failed round of the report, not the end of the bench. */
const oneRound = (side: Side, checkout: string, log: (line: string) => void) =>
  measureRound(side, () =>
    loadOneStart(side, checkout, log).catch((error: Error) => {
      log(`${side}: the round failed: ${error.message}`);
      throw error;
    }),
  );

export const measureThroughput = async (
  log: (line: string) => void,
  { baselineRef = DEFAULT_BASELINE_REF, rounds = THROUGHPUT_ROUNDS } = {},
): Promise<ThroughputFigures> => {
  const baseline = baselineCheckout(baselineRef, log);
  const loadBefore = machineLoad();
  const measured: ThroughputRound[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    measured.push(await oneRound('baseline', baseline.directory, log));
    measured.push(await oneRound('this', REPO_ROOT, log));
  }
  return {
    baseline: { ref: baselineRef, commit: baseline.commit },
    rounds: measured,
    loadBefore,
    loadAfter: machineLoad(),
  };
};
