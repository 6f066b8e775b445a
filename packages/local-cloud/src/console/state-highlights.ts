import type { ExecutionReport, StateRun } from '@order-platform/ops/report';

// How the graph colours each state for one execution. Shared by the page (which draws it) and the
// tests (which check it on real histories).

/**
 * failed: the state ended in an error (caught or not); compensation: it ran to undo the order
 * after a failure; running: the execution is in it now; visited: it ran on the order's own path;
 * not-run: the execution never entered it.
 */
export type StateHighlight = 'failed' | 'compensation' | 'running' | 'visited' | 'not-run';

/** When a state ran more than once (a loop), the run that matters most to ops colours it. */
const PRECEDENCE: readonly StateHighlight[] = ['failed', 'running', 'compensation', 'visited'];

const highlightOfRun = (run: StateRun): StateHighlight => {
  // A Fail state ends every compensated execution: it reports the failure, it is not one.
  if (run.outcome === 'failed' && !(run.type === 'Fail' && run.phase === 'compensation')) return 'failed';
  if (run.outcome === 'running') return 'running';
  return run.phase === 'compensation' ? 'compensation' : 'visited';
};

/** The highlight of every state the execution entered; a state missing from it was not run. */
export const stateHighlights = (report: ExecutionReport): ReadonlyMap<string, StateHighlight> => {
  const highlights = new Map<string, StateHighlight>();
  for (const run of report.states) {
    const current = highlights.get(run.name);
    const candidate = highlightOfRun(run);
    if (current === undefined || PRECEDENCE.indexOf(candidate) < PRECEDENCE.indexOf(current)) {
      highlights.set(run.name, candidate);
    }
  }
  return highlights;
};
