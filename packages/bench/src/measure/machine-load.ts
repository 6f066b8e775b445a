import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** The load averages (1, 5, 15 min) and running/total tasks, as `uptime` and /proc/loadavg say. */
export const machineLoad = (): string => {
  try {
    const [one, five, fifteen, tasks] = readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/);
    return `${one}, ${five}, ${fifteen} (tasks running/total ${tasks})`;
  } catch {
    return loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
  }
};
