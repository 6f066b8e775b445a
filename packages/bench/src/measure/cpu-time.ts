import { readdirSync, readFileSync } from 'node:fs';

// CPU time as Linux counts it (/proc), to say where a round's cores went: the local stack's
// processes (every thread of each) and the machine as a whole.

/** Clock ticks per second of /proc's CPU figures (USER_HZ: 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

const statFields = (pid: string): string[] | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone between the listing and the read
  }
};

/**
 * User and system CPU milliseconds of `rootPid` and every process descended from it, all threads,
 * with the children they have waited for since they ended (a process's cutime and cstime).
 */
export const processTreeCpuMs = (rootPid: number): number => {
  const processes = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      const fields = statFields(pid);
      if (!fields) return [];
      // After the name: state, ppid (index 1), …, utime (11), stime (12), cutime (13), cstime (14).
      const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
      return [{ pid: Number(pid), ppid: Number(fields[1]), ticks }];
    });
  const inTree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of processes) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const ticks = processes.filter(({ pid }) => inTree.has(pid)).reduce((sum, { ticks: own }) => sum + own, 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
};

/** The machine's CPU ticks so far, busy and in all (the first line of /proc/stat). */
export const machineCpuTicks = (): { busy: number; total: number } => {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
};
