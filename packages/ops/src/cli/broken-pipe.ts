// `npm run ops -- executions --local | head` closes the pipe before the CLI is done writing; Node
// then emits EPIPE on stdout, which, unhandled, crashes with a stack trace. The reader has all it
// wanted: end quietly, as `cat` does.

interface Output {
  once(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

/** Call once, where a CLI starts: a closed stdout ends the process with exit code 0. */
export const exitQuietlyOnBrokenPipe = (
  stdout: Output,
  exit: (code: number) => void = (code) => process.exit(code),
): void => {
  stdout.once('error', (error) => {
    if (error.code === 'EPIPE') return exit(0);
    throw error;
  });
};
