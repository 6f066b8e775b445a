import {
  alertLine,
  closedExecutionLine,
  parseStartArguments,
  readyBanner,
  removeStackFile,
  restoredLines,
  scheduledRunLines,
  startLocalPlatform,
  stopGracefully,
  stoppedLine,
  stoppingLine,
  StartupError,
  UnsupportedDefinitionError,
  writeStackFile,
} from '@order-platform/local-cloud';

// npm start [-- --persist] [--data-dir DIR] [--grace-seconds N] [--payments sandbox|stripe] [--verbose] [--http-port N]
//           [--dynamodb-port N] [--step-functions-port N] [--sns-port N] [--lambda-port N] [--console-port N]
// The platform on this machine: no Docker, no Java, no AWS account.

// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** Signals closer together than this are one Ctrl-C (see shutdown). */
const SAME_CTRL_C_MS = 1_000;

const main = async () => {
  const started = parseStartArguments(process.argv.slice(2));
  const startedAt = process.hrtime.bigint();
  console.log('Starting the order platform locally…');
  const platform = await startLocalPlatform({
    ...started.options,
    log: (line) => {
      if (started.verbose || /error|warn/i.test(line)) console.log(`  [api] ${line}`);
    },
    onExecutionClosed: (execution) => console.log(closedExecutionLine(execution)),
    onAlert: (message) => console.log(alertLine(message)),
    onScheduledRun: (run) => scheduledRunLines(run).forEach((line) => console.log(line)),
  });
  for (const line of restoredLines(platform.restored)) console.log(line);
  // Where each service listens, for npm run ops / token / alerts; a clean stop removes it.
  writeStackFile({ pid: process.pid, ...platform }, started.options.dataDir);
  console.log(readyBanner(platform, started, Number(process.hrtime.bigint() - startedAt) / 1e6));

  // Ctrl-C: no new requests, running executions get --grace-seconds to finish; a second Ctrl-C
  // cuts the wait short. One Ctrl-C can arrive twice: the terminal signals the whole group, and
  // tsx passes it on to this process when it did not see it arrive within 30 ms, which a loaded
  // machine misses. So a repeat within a second is the same Ctrl-C, not a second one.
  let cutShort: (() => void) | undefined;
  let firstSignalAt = 0;
  const shutdown = async (signal: string) => {
    if (cutShort) {
      if (Date.now() - firstSignalAt >= SAME_CTRL_C_MS) cutShort();
      return;
    }
    firstSignalAt = Date.now();
    const secondSignal = new Promise<void>((resolve) => (cutShort = resolve));
    console.log(stoppingLine(signal, platform.executions.runningCount, started.graceSeconds));
    const left = await stopGracefully(platform, { graceMs: started.graceSeconds * 1000, cutShort: secondSignal });
    console.log(stoppedLine(left, started.options));
    removeStackFile(process.pid, started.options.dataDir);
    process.exit(0);
  };
  const stopOn = (signal: string) => () =>
    void shutdown(signal).catch((error: Error) => {
      console.error(`Stopping failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
  process.on('SIGINT', stopOn('SIGINT'));
  process.on('SIGTERM', stopOn('SIGTERM'));
};

main().catch((error: Error) => {
  const expected = error instanceof StartupError || error instanceof UnsupportedDefinitionError;
  console.error(expected ? `Cannot start: ${error.message}` : (error.stack ?? error.message));
  process.exit(1);
});
