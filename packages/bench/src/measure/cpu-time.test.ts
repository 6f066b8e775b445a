import { spawn } from 'node:child_process';
import { machineCpuTicks, processTreeCpuMs } from './cpu-time';

// The child spins until it has used 300 ms of CPU (not of the clock: the machine may be busy).
const SPIN = 'const start = process.cpuUsage(); while (process.cpuUsage(start).user < 300_000);';

/** A shell running `script` whose output says `marker` when the child has spun; the shell then waits 5 s. */
const treeCpuMsOnceSaid = async (script: string, marker: string) => {
  const shell = spawn('sh', ['-c', script]);
  try {
    await new Promise<void>((resolve) => {
      let said = '';
      shell.stdout.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes(marker)) resolve();
      });
    });
    return processTreeCpuMs(shell.pid as number);
  } finally {
    shell.kill('SIGKILL');
  }
};

describe('CPU time from /proc', () => {
  it('counts the CPU of a process’s running descendants', async () => {
    const running = `"${process.execPath}" -e "${SPIN} console.log('spun'); setTimeout(() => {}, 5000);"; sleep 5`;
    await expect(treeCpuMsOnceSaid(running, 'spun')).resolves.toBeGreaterThanOrEqual(290);
  });

  it('counts the CPU of a descendant that has ended and been waited for', async () => {
    const ended = `"${process.execPath}" -e "${SPIN}"; echo ended; sleep 5`;
    await expect(treeCpuMsOnceSaid(ended, 'ended')).resolves.toBeGreaterThanOrEqual(290);
  });

  it('reads the machine’s busy ticks as a part of its total', () => {
    const { busy, total } = machineCpuTicks();
    expect(busy).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(busy);
  });
});
