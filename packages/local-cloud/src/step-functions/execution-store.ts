import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { HistoryEvent } from './execution-history';
import type { ExecutionRecord } from './local-executions';
import type { ExecutionStatus } from './run-local-execution';

/** An execution as kept on disk: its record, and its history's events instead of the live history. */
export type StoredExecution = Omit<ExecutionRecord, 'history'> & { readonly events: readonly HistoryEvent[] };

export interface LoadedExecutions {
  /** Oldest first, by start date. */
  readonly executions: StoredExecution[];
  /** One line per file that is not an execution this store wrote: reported, never fatal. */
  readonly problems: string[];
}

export interface ExecutionStore {
  readonly directory: string;
  /** Writes the execution's file whole or not at all: a kill at any moment leaves the old file or the new one. */
  save(execution: StoredExecution): void;
  load(): LoadedExecutions;
}

const FORMAT = 1;
const SUFFIX = '.json';
const TEMPORARY = '.tmp';
const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * A file name for each execution name, distinct also on a case-insensitive disk (macOS): names are
 * URI-encoded, capitals too ('%' is not allowed in a name, so nothing collides), and a name whose
 * encoding is too long for a file name goes by its hash. The file holds the name itself.
 */
const fileNameOf = (executionName: string) => {
  const encoded = [...executionName]
    .map((character) =>
      /[A-Z]/.test(character)
        ? `%${character.charCodeAt(0).toString(16).toUpperCase()}`
        : encodeURIComponent(character),
    )
    .join('');
  const safe = encoded.length <= 200 ? encoded : `%${createHash('sha256').update(executionName).digest('hex')}`;
  return `${safe}${SUFFIX}`;
};

const dateOf = (value: unknown): Date | undefined => {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};

const OPTIONAL_TEXT = ['stateMachineAliasArn', 'output', 'error', 'cause'] as const;

/** The execution in a file's JSON, or why it is not one. */
const revived = (content: unknown): StoredExecution | string => {
  const { format, execution } = (content ?? {}) as { format?: unknown; execution?: Record<string, unknown> };
  if (format !== FORMAT) return `unknown format ${JSON.stringify(format)} (this version writes ${FORMAT})`;
  if (typeof execution !== 'object' || execution === null) return 'no execution in it';
  for (const field of ['executionArn', 'stateMachineArn', 'name', 'input']) {
    if (typeof execution[field] !== 'string') return `no ${field}`;
  }
  const startDate = dateOf(execution.startDate);
  if (!startDate) return 'no startDate';
  if (!STATUSES.includes(execution.status as ExecutionStatus)) return `unknown status ${String(execution.status)}`;
  if (!Array.isArray(execution.events)) return 'no events';
  const events = (execution.events as Record<string, unknown>[]).map((event) => ({
    ...event,
    id: event.id,
    timestamp: dateOf(event.timestamp),
  }));
  if (events.some((event) => event.timestamp === undefined || typeof event.id !== 'number')) {
    return 'an event without an id or a timestamp';
  }
  const stopDate = dateOf(execution.stopDate);
  return {
    executionArn: execution.executionArn as string,
    stateMachineArn: execution.stateMachineArn as string,
    name: execution.name as string,
    input: execution.input as string,
    startDate,
    status: execution.status as ExecutionStatus,
    ...(stopDate ? { stopDate } : {}),
    ...Object.fromEntries(
      OPTIONAL_TEXT.filter((field) => typeof execution[field] === 'string').map((field) => [field, execution[field]]),
    ),
    events: events as unknown as HistoryEvent[],
  };
};

/**
 * The local Step Functions' executions on disk (`npm start -- --persist`): one JSON file per
 * execution, named after it, in `directory`. Each save writes a temporary file and renames it over
 * the execution's file, so a process killed mid-write leaves the previous file intact and an
 * unfinished temporary one, which the next load removes. The data reaches the operating system
 * before `save` returns, which is what survives a killed process (not a power cut: no fsync).
 */
export const createExecutionStore = (directory: string): ExecutionStore => {
  mkdirSync(directory, { recursive: true });
  let writes = 0;
  return {
    directory,
    save(execution) {
      const file = join(directory, fileNameOf(execution.name));
      writes += 1;
      const temporary = `${file}.${process.pid}-${writes}${TEMPORARY}`;
      writeFileSync(temporary, JSON.stringify({ format: FORMAT, execution }));
      renameSync(temporary, file);
    },
    load() {
      const executions: StoredExecution[] = [];
      const problems: string[] = [];
      for (const entry of readdirSync(directory).sort()) {
        const path = join(directory, entry);
        if (entry.endsWith(TEMPORARY)) {
          rmSync(path, { force: true });
          problems.push(`${path}: an unfinished write (the process stopped during it), removed`);
          continue;
        }
        if (!entry.endsWith(SUFFIX)) {
          problems.push(`${path}: not an execution file, left as it is`);
          continue;
        }
        let execution: StoredExecution | string;
        try {
          execution = revived(JSON.parse(readFileSync(path, 'utf8')));
        } catch (error) {
          execution = `not JSON (${(error as Error).message})`;
        }
        if (typeof execution === 'string') problems.push(`${path}: ${execution}; skipped, left as it is`);
        else executions.push(execution);
      }
      executions.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
      return { executions, problems };
    },
  };
};
