import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// What the local stack keeps between starts to skip work whose inputs did not change: a result is
// stored beside the digest of everything that went into it, and used only while that digest holds.

/** One digest of several parts: each part's length goes in first, so no two lists collide. */
export const digestOf = (parts: readonly (string | Buffer)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex');
};

/** A file's content, or a marker that it is missing (a deleted input is a change too). */
export const contentOf = (path: string): Buffer | string => {
  try {
    return readFileSync(path);
  } catch {
    return `<missing ${path}>`;
  }
};

/** The sorted names in a directory (a file added beside an input can change how an import resolves). */
export const listingOf = (directory: string): string => {
  try {
    return readdirSync(directory).sort().join('\n');
  } catch {
    return `<missing ${directory}>`;
  }
};

/** The value stored under `file` for this `key`, or undefined when there is none or its key differs. */
export const readCached = <T>(file: string, key: string): T | undefined => {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; value?: T };
    return stored.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
};

/** Stores `value` under `file` for `key`, whole or not at all (two starts may write at once). */
export const writeCached = (file: string, key: string, value: unknown): void => {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify({ key, value }));
  renameSync(partial, file);
};
