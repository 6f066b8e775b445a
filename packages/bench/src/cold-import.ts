import type { BenchmarkSection } from './report';
import { kb, ms, ratio } from './stats';

// Cold import per Lambda: the bundles `sls package` deploys, each imported in fresh Node
// processes, against a floor bundle built with the same esbuild options (the same credential
// provider too) that imports the AWS SDK names that handler's own code imports and builds its
// clients, and does nothing else. Node's start-up is outside both figures: the clock runs around
// `require` alone, so the ratio is what our code adds to the SDK's cost. The measuring is
// measure/cold-import.ts's; this module holds the goals and the verdict. Every function the
// service packages is measured, whoever adds it.

export const IMPORT_RUNS = 25;
export const MAX_BUNDLE_BYTES = 300 * 1000;
/** Against the floor with its clients built: a handler cannot import without building them. */
export const MAX_IMPORT_RATIO = 1.2;

export interface ColdImportRow {
  readonly functionName: string;
  readonly handler: string;
  readonly bytes: number;
  readonly importMs: number;
  readonly floor: { readonly sdkImports: string; readonly bytes: number; readonly importMs: number };
  /** The floor with the SDK clients built, as the handler builds them at import. */
  readonly builtClientsFloorMs: number;
  /** What the bundle carries beyond its floor, largest first (package or workspace folder, bytes). */
  readonly beyondFloor: readonly (readonly [string, number])[];
}

/** `import { A, B as C, type D } from '@aws-sdk/x'` → ['@aws-sdk/x', ['A', 'B']] (values only). */
export const sdkImportsOf = (source: string): [string, string[]][] =>
  [...source.matchAll(/import\s+(?!type\s)\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+|@smithy\/[^']+)'/g)].map(
    ([, names = '', from = '']) => [
      from,
      names
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0 && !name.startsWith('type '))
        .map((name) => name.split(/\s+as\s+/)[0] as string),
    ],
  );

/** The module a floor bundle is built from: it exports every SDK name, so none is tree-shaken away. */
export const floorEntryFor = (imports: ReadonlyMap<string, ReadonlySet<string>>): string =>
  [...imports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, names]) => `export { ${[...names].sort().join(', ')} } from '${from}';`)
    .join('\n');

/**
 * The floor with the clients built as a handler builds them (one of each it imports; the document
 * client around a DynamoDB client): what using those clients costs at cold start before any of
 * our code runs. Shown beside the goal's floor, which imports only.
 */
export const builtClientsFloorEntryFor = (imports: ReadonlyMap<string, ReadonlySet<string>>): string => {
  const names = [...imports.values()].flatMap((set) => [...set]);
  const clients = names
    .filter((name) => name.endsWith('Client') && name !== 'DynamoDBDocumentClient')
    .map((name) =>
      name === 'DynamoDBClient' && names.includes('DynamoDBDocumentClient')
        ? 'DynamoDBDocumentClient.from(new DynamoDBClient({}))'
        : `new ${name}({})`,
    );
  return [
    floorEntryFor(imports).replaceAll('export {', 'import {'),
    `export { ${names.sort().join(', ')} };`,
    `export const clients = [${clients.join(', ')}];`,
  ].join('\n');
};

/** The package (or workspace folder) an esbuild input belongs to. */
export const packageOf = (input: string) =>
  input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');

/** What a bundle carries beyond its floor, by package, largest first (esbuild metafile inputs). */
export const beyondFloorOf = (
  inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>,
  floorInputs: ReadonlySet<string>,
): [string, number][] => {
  const beyond = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    if (floorInputs.has(input) || bytesInOutput === 0) continue;
    beyond.set(packageOf(input), (beyond.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return [...beyond.entries()].sort(([, a], [, b]) => b - a);
};

/** A floor entry as the report names it: `client-dynamodb + lib-dynamodb`. */
export const floorSdkImportsOf = (floorEntry: string): string =>
  floorEntry
    .split('\n')
    .map((line) => line.match(/from '(.*)'/)?.[1]?.replace('@aws-sdk/', '') ?? '')
    .join(' + ');

/** Whether a bundle is within both goals: its size, and its import against its built floor. */
export const withinGoals = (row: ColdImportRow) =>
  row.bytes <= MAX_BUNDLE_BYTES && row.importMs / row.builtClientsFloorMs <= MAX_IMPORT_RATIO;

/** `load`: the machine's 1-minute load average before and after the measurement (os.loadavg()). */
/** The rows whose bundles carry at least this much beyond their floor say how the import grows with it. */
const MIN_BEYOND_FLOOR_BYTES = 5_000;

/**
 * What the figures say of the misses: a handler's import beyond its floor grows with the code it
 * carries beyond the floor (compiling it, and running it once: its schemas, its modules' top
 * levels). At the median of that rate over every Lambda, the ratio's allowance buys so many KB.
 */
export const coldImportBound = (rows: readonly ColdImportRow[]): string => {
  const beyondKb = (row: ColdImportRow) => (row.bytes - row.floor.bytes) / 1000;
  const excessMs = (row: ColdImportRow) => row.importMs - row.builtClientsFloorMs;
  const rates = rows
    .filter((row) => row.bytes - row.floor.bytes >= MIN_BEYOND_FLOOR_BYTES)
    .map((row) => excessMs(row) / beyondKb(row))
    .sort((a, b) => a - b);
  const missed = rows.filter((row) => !withinGoals(row) && row.bytes <= MAX_BUNDLE_BYTES);
  if (rates.length === 0 || missed.length === 0) return '';
  const rate = rates[Math.floor(rates.length / 2)] as number;
  const floors = rows.map((row) => row.builtClientsFloorMs).sort((a, b) => a - b);
  const typicalFloorMs = floors[Math.floor(floors.length / 2)] as number;
  const each = missed.map((row) => {
    const allowanceMs = (MAX_IMPORT_RATIO - 1) * row.builtClientsFloorMs;
    return `${row.functionName} ${excessMs(row).toFixed(1)} ms over its floor (allowance ${allowanceMs.toFixed(1)} ms), ${(rate * beyondKb(row)).toFixed(1)} ms of it for its ${beyondKb(row).toFixed(0)} KB beyond the floor at that rate`;
  });
  return `What a handler adds to its floor's import grows with the code it carries beyond the floor:
a median of ${rate.toFixed(2)} ms per KB over the Lambdas that carry more than ${MIN_BEYOND_FLOOR_BYTES / 1000} KB beyond it (V8 compiling
that code, and running it once: zod's schemas, our modules' top levels), so the ${MAX_IMPORT_RATIO}× allowance
(${Math.round((MAX_IMPORT_RATIO - 1) * 100)}% of the median floor, ${typicalFloorMs.toFixed(1)} ms) is spent by ~${(((MAX_IMPORT_RATIO - 1) * typicalFloorMs) / rate).toFixed(0)} KB of it. Each miss against that: ${each.join('; ')}.`;
};

export const coldImportSection = (
  rows: readonly ColdImportRow[],
  load?: readonly [number, number],
): BenchmarkSection => {
  const table = rows.map((row) => {
    const largest = row.beyondFloor
      .slice(0, 3)
      .map(([name, bytes]) => `${name.replace('node_modules/', '')} ${(bytes / 1000).toFixed(1)}`)
      .join(', ');
    return `| ${row.functionName} | ${kb(row.bytes)} | ${ms(row.importMs)} | ${row.floor.sdkImports} | ${ms(row.builtClientsFloorMs)} | ${ratio(row.importMs / row.builtClientsFloorMs)} | ${withinGoals(row) ? 'met' : '**missed**'} | ${kb(row.floor.bytes)}, ${ms(row.floor.importMs)} (${ratio(row.importMs / row.floor.importMs)}) | ${largest} |`;
  });
  const missed = rows.filter((row) => !withinGoals(row));
  return {
    goal: `every Lambda bundle ≤ ${MAX_BUNDLE_BYTES / 1000} KB and its cold import ≤ ${MAX_IMPORT_RATIO}× its SDK floor with its clients built`,
    met: missed.length === 0,
    markdown: `## Cold import per Lambda

Each bundle \`sls package --stage dev\` deploys (esbuild, minified, AWS SDK bundled, every SDK
client taking its credentials from the environment), imported ${IMPORT_RUNS} times, each time in a
fresh \`node\` process with a Lambda-like environment; the clock runs around \`require\` only.
The floor is a bundle built with the same options (the same credential provider) that imports the
AWS SDK names that handler's own code imports (its clients and commands) and constructs one of
each client, as the handler does when it is imported, and does nothing else: the part of a
handler's cold start that is the SDK's, not ours. Floors and handlers are measured in the same
rounds, in a shuffled order. Goals: at most ${MAX_IMPORT_RATIO}× that floor, at most ${MAX_BUNDLE_BYTES / 1000} KB.
"Import-only floor" is the same floor without building the clients (size, import, ratio).
"Beyond the floor" is the bundle analysis (esbuild metafile): what the handler carries that its
floor does not (KB, largest three).${
      load
        ? `
Load: 1-minute load average ${load[0].toFixed(1)} before and ${load[1].toFixed(1)} after.`
        : ''
    }

| Lambda | bundle | import (median) | floor: SDK | floor with its clients built | ratio | goal | import-only floor | beyond the floor |
| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | --- |
${table.join('\n')}

${missed.length === 0 ? `Every handler is within both goals.` : `Missed: ${missed.map((row) => row.functionName).join(', ')}.`}
${coldImportBound(rows)}
`,
  };
};
