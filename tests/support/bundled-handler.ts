import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

/** The JavaScript of every function a packaged zip holds (its one bundle, whatever its name). */
export const bundledSourceOf = (zip: string): string => {
  const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })
    .split('\n')
    .filter((entry) => entry.endsWith('.js'));
  return entries.map((entry) => execFileSync('unzip', ['-p', zip, entry], { encoding: 'utf8' })).join('\n');
};

/** Writes the handler `handlerPath` (its `.js` path in the zip) of a packaged zip to a file of its own; answers the file. */
export const extractBundle = (zip: string, handlerPath: string): string => {
  const bundle = join(mkdtempSync(join(tmpdir(), 'bundled-handler-')), 'handler.js');
  writeFileSync(bundle, execFileSync('unzip', ['-p', zip, handlerPath]));
  return bundle;
};

/** A stand-in DynamoDB endpoint that answers every request with `{}` and keeps its headers. */
export const startHeaderRecorder = async () => {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    headers.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const INVOKE = `const [bundle, event] = process.argv.slice(1);
require(bundle).handler(JSON.parse(event), { functionName: 'test', awsRequestId: 'request-1', getRemainingTimeInMillis: () => 3000 })
  .then((result) => process.stdout.write('\\n' + JSON.stringify(result)), (error) => { process.stderr.write(String(error && error.name) + ': ' + String(error && error.message)); process.exit(1); });`;

/**
 * Invokes a bundle's handler once in a fresh Node process with only `env` (and PATH): its answer,
 * which comes after the lines the handler logged to stdout.
 */
export const invokeBundle = async (bundle: string, event: unknown, env: Record<string, string>) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', INVOKE, bundle, JSON.stringify(event)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trimEnd().split('\n').at(-1) ?? '') as unknown;
};
