import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from '@order-platform/local-cloud';
import { INSPECTION_PARAMS } from '@order-platform/stack';
import {
  beyondFloorOf,
  builtClientsFloorEntryFor,
  floorEntryFor,
  floorSdkImportsOf,
  IMPORT_RUNS,
  sdkImportsOf,
  type ColdImportRow,
} from '../cold-import';
import { median, shuffled } from '../stats';

// Measures cold import per Lambda (the goals, and the verdict on these figures, are
// ../cold-import.ts's): `sls package`, a floor bundle per handler, and every bundle imported in
// fresh Node processes, IMPORT_RUNS rounds in a shuffled order.

interface PackagedFunction {
  readonly name: string;
  readonly handler: string;
  readonly artifact: string;
  readonly environment: Record<string, string>;
}

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
  const { exclude: _exclude, plugins, ...options } = state.service.custom.esbuild;
  // serverless-esbuild's `plugins` names a file, from the service's folder, that exports them.
  const esbuildOptions: BuildOptions =
    typeof plugins === 'string'
      ? { ...options, plugins: createRequire(__filename)(join(REPO_ROOT, plugins)) as Plugin[] }
      : options;
  return { functions, esbuildOptions };
};

export const LAMBDA_ENVIRONMENT = {
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

/** Imports `file` once in a fresh Node process with a Lambda-like environment: the milliseconds `require` took. */
export const importOnce = (file: string, environment: Record<string, string>) =>
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
    return {
      functionName: fn.name,
      handler: fn.handler,
      bytes: output.bytes,
      importMs: medianOf(bundle),
      floor: { sdkImports: floorSdkImportsOf(floorEntry), bytes: floor.bytes, importMs: medianOf(floor.file) },
      builtClientsFloorMs: medianOf((floors.get(builtEntry) as { file: string }).file),
      beyondFloor: beyondFloorOf(output.inputs, floor.inputs),
    };
  });
};
