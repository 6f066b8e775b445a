import { build, type Metafile } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { INSPECTION_PARAMS } from '@order-platform/stack';
import { kb, median, ms, ratio, shuffled } from './stats';

// Cold import per Lambda: the bundles `sls package` deploys, each imported in fresh Node
// processes, against a floor bundle built with the same esbuild options that imports only the AWS
// SDK names that handler's own code imports. Node's start-up is outside both figures: the clock
// runs around `require` alone, so the ratio is what our code adds to the SDK's import.

export const IMPORT_RUNS = 25;
export const MAX_BUNDLE_BYTES = 400 * 1000;
export const MAX_IMPORT_RATIO = 1.25;

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

interface PackagedFunction {
  readonly name: string;
  readonly handler: string;
  readonly artifact: string;
  readonly environment: Record<string, string>;
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

const packageOf = (input: string) =>
  input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.split('/').slice(0, 2).join('/');

/** Packages `sls package --stage dev` into `dir`: the zips, and the resolved service. */
const packageService = (dir: string) => {
  execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'sls'),
    ['package', '--stage', 'dev', '--package', dir, ...INSPECTION_PARAMS],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
      stdio: 'ignore',
    },
  );
  const state = JSON.parse(readFileSync(join(dir, 'serverless-state.json'), 'utf8')) as {
    service: {
      provider: { environment?: Record<string, unknown> };
      custom: { esbuild: Record<string, unknown> };
      functions: Record<
        string,
        { handler: string; environment?: Record<string, unknown>; package: { artifact: string } }
      >;
    };
  };
  // Values CloudFormation fills in at deploy time (an ARN, a Ref) become placeholders of that shape.
  const plain = (environment: Record<string, unknown> = {}) =>
    Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : `arn:aws:states:eu-west-1:000000000000:stateMachine:${key.toLowerCase()}`,
      ]),
    );
  const functions: PackagedFunction[] = Object.entries(state.service.functions).map(([name, fn]) => ({
    name,
    handler: fn.handler,
    artifact: join(dir, fn.package.artifact.split('/').at(-1) as string),
    environment: { ...plain(state.service.provider.environment), ...plain(fn.environment) },
  }));
  const { exclude: _exclude, ...esbuildOptions } = state.service.custom.esbuild;
  return { functions, esbuildOptions };
};

const LAMBDA_ENVIRONMENT = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const TIME_REQUIRE = `const t=performance.now();require(process.argv[1]);process.stdout.write(String(performance.now()-t));process.exit(0)`;

const importOnce = (file: string, environment: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', TIME_REQUIRE, file], {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENVIRONMENT, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0 && out !== '' ? resolve(Number(out)) : reject(new Error(`importing ${file} failed:\n${err}`)),
    );
  });

export const measureColdImports = async (workDir: string, log: (line: string) => void): Promise<ColdImportRow[]> => {
  const packageDir = join(workDir, 'package');
  const bundleDir = join(workDir, 'bundles');
  mkdirSync(bundleDir, { recursive: true });
  log('packaging the service (sls package --stage dev)…');
  const { functions, esbuildOptions } = packageService(packageDir);

  const handlers = await Promise.all(
    functions.map(async (fn) => {
      const modulePath = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
      const bundle = join(bundleDir, `${fn.name}.js`);
      writeFileSync(bundle, execFileSync('unzip', ['-p', fn.artifact, `${modulePath}.js`]));
      // The same build again, with a metafile: which of our files it holds, and what weighs what.
      const rebuilt = await build({
        ...esbuildOptions,
        entryPoints: [join(REPO_ROOT, `${modulePath}.ts`)],
        absWorkingDir: REPO_ROOT,
        outfile: join(workDir, 'rebuilt', `${fn.name}.js`),
        metafile: true,
        logLevel: 'silent',
      });
      const output = Object.values(rebuilt.metafile.outputs)[0] as Metafile['outputs'][string];
      if (output.bytes !== statSync(bundle).size) {
        throw new Error(`${fn.name}: esbuild with serverless.yml's options does not rebuild the packaged bundle`);
      }
      const imports = new Map<string, Set<string>>();
      for (const input of Object.keys(output.inputs).filter((path) => !path.includes('node_modules/'))) {
        for (const [from, names] of sdkImportsOf(readFileSync(join(REPO_ROOT, input), 'utf8'))) {
          for (const name of names) imports.set(from, (imports.get(from) ?? new Set()).add(name));
        }
      }
      return { fn, bundle, output, floorEntry: floorEntryFor(imports), builtEntry: builtClientsFloorEntryFor(imports) };
    }),
  );

  // One floor per distinct set of SDK imports, built as the handlers are.
  const floors = new Map<string, { file: string; bytes: number; inputs: Set<string> }>();
  for (const entry of new Set(handlers.flatMap((handler) => [handler.floorEntry, handler.builtEntry]))) {
    const file = join(bundleDir, `floor-${floors.size + 1}.js`);
    const result = await build({
      ...esbuildOptions,
      stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'floor.ts' },
      absWorkingDir: REPO_ROOT,
      outfile: file,
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0] as Metafile['outputs'][string];
    floors.set(entry, { file, bytes: output.bytes, inputs: new Set(Object.keys(output.inputs)) });
  }

  // Rounds of every bundle in a shuffled order, so drift on a noisy machine hits all alike.
  const targets = [
    ...handlers.map((handler) => ({ file: handler.bundle, environment: handler.fn.environment })),
    ...[...floors.values()].map((floor) => ({ file: floor.file, environment: {} })),
  ];
  const samples = new Map<string, number[]>(targets.map((target) => [target.file, []]));
  for (let round = 1; round <= IMPORT_RUNS; round += 1) {
    for (const target of shuffled(targets)) {
      samples.get(target.file)?.push(await importOnce(target.file, target.environment));
    }
    if (round % 5 === 0) log(`cold imports: round ${round} of ${IMPORT_RUNS}`);
  }
  const medianOf = (file: string) => median(samples.get(file) ?? []);

  return handlers.map(({ fn, bundle, output, floorEntry, builtEntry }) => {
    const floor = floors.get(floorEntry) as { file: string; bytes: number; inputs: Set<string> };
    const beyond = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (floor.inputs.has(input) || bytesInOutput === 0) continue;
      beyond.set(packageOf(input), (beyond.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
    return {
      functionName: fn.name,
      handler: fn.handler,
      bytes: output.bytes,
      importMs: medianOf(bundle),
      floor: {
        sdkImports: floorEntry
          .split('\n')
          .map((line) => line.match(/from '(.*)'/)?.[1]?.replace('@aws-sdk/', '') ?? '')
          .join(' + '),
        bytes: floor.bytes,
        importMs: medianOf(floor.file),
      },
      builtClientsFloorMs: medianOf((floors.get(builtEntry) as { file: string }).file),
      beyondFloor: [...beyond.entries()].sort(([, a], [, b]) => b - a),
    };
  });
};

export const coldImportSection = (rows: readonly ColdImportRow[]) => {
  const table = rows.map((row) => {
    const importRatio = row.importMs / row.floor.importMs;
    const met = row.bytes <= MAX_BUNDLE_BYTES && importRatio <= MAX_IMPORT_RATIO;
    const largest = row.beyondFloor
      .slice(0, 3)
      .map(([name, bytes]) => `${name.replace('node_modules/', '')} ${(bytes / 1000).toFixed(1)}`)
      .join(', ');
    return `| ${row.functionName} | ${kb(row.bytes)} | ${ms(row.importMs)} | ${row.floor.sdkImports} | ${kb(row.floor.bytes)} | ${ms(row.floor.importMs)} | ${ratio(importRatio)} | ${met ? 'met' : '**missed**'} | ${ms(row.builtClientsFloorMs)} (${ratio(row.importMs / row.builtClientsFloorMs)}) | ${largest} |`;
  });
  const missed = rows.filter(
    (row) => row.bytes > MAX_BUNDLE_BYTES || row.importMs / row.floor.importMs > MAX_IMPORT_RATIO,
  );
  return {
    goal: `every Lambda bundle ≤ ${MAX_BUNDLE_BYTES / 1000} KB and its cold import ≤ ${MAX_IMPORT_RATIO}× its SDK floor`,
    met: missed.length === 0,
    markdown: `## Cold import per Lambda

Each bundle \`sls package --stage dev\` deploys (esbuild, minified, AWS SDK bundled), imported
${IMPORT_RUNS} times, each time in a fresh \`node\` process with a Lambda-like environment; the clock runs
around \`require\` only. The floor is a bundle built with the same options that imports only the
AWS SDK names that handler's own code imports (its clients and commands), measured in the same
rounds, in a shuffled order. Goals: at most ${MAX_IMPORT_RATIO}× the floor, at most ${MAX_BUNDLE_BYTES / 1000} KB.
"Floor with its clients built" is that floor also constructing one of each client, as the
handler does when it is imported: the part of a handler's import that is the SDK's, not ours.
"Beyond the floor" is the bundle analysis: what the handler carries that its floor does not (KB, largest three).

| Lambda | bundle | import (median) | floor: SDK | floor bundle | floor import | ratio | goal | floor with its clients built (ratio) | beyond the floor |
| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: | --- |
${table.join('\n')}

${missed.length === 0 ? `Every handler is within both goals.` : `Missed: ${missed.map((row) => row.functionName).join(', ')}.`}
`,
  };
};
