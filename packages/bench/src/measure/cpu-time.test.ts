import { spawn } from 'node:child_process';
import { machineCpuTicks, processTreeCpuMs } from './cpu-time';

/** A shell whose node child spins 300 ms of CPU, then does `then`; the shell waits 5 s more. */
const spinning = (then: string) =>
  spawn('sh', [
    '-c',
    `"${process.execPath}" -e "const end = Date.now() + 300; while (Date.now() < end); ${then}"; sleep 5`,
  ]);

const cpuOfTreeAfterASecond = async (shell: ReturnType<typeof spawn>) => {
  try {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return processTreeCpuMs(shell.pid as number);
  } finally {
    shell.kill('SIGKILL');
  }
};

describe('CPU time from /proc', () => {
  it('counts the CPU of a process’s running descendants', async () => {
    await expect(cpuOfTreeAfterASecond(spinning('setTimeout(() => {}, 5000);'))).resolves.toBeGreaterThanOrEqual(250);
  });

  it('counts the CPU of a descendant that has ended and been waited for', async () => {
    await expect(cpuOfTreeAfterASecond(spinning(''))).resolves.toBeGreaterThanOrEqual(250);
  });

  it('reads the machine’s busy ticks as a part of its total', () => {
    const { busy, total } = machineCpuTicks();
    expect(busy).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(busy);
  });
});
