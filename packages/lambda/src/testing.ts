import { createLogger, type LoggerFactory } from './logger';

/** A logger factory for tests: every line any invocation writes, parsed, in order. */
export const recordingLogs = () => {
  const lines: Record<string, unknown>[] = [];
  const loggerFor: LoggerFactory = (context) =>
    createLogger({
      keys: { functionName: context.functionName, requestId: context.awsRequestId },
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
  return { loggerFor, lines };
};
