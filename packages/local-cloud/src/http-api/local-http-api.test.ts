import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../ports';
import type { ServiceDefinition } from '../step-functions/service-definition';
import type * as ApiFront from './api-front';
import { startApiFront, type Front } from './api-front';
import { startLocalHttpApi } from './local-http-api';

jest.mock('./api-front', () => {
  const actual = jest.requireActual<typeof ApiFront>('./api-front');
  return { ...actual, startApiFront: jest.fn(actual.startApiFront) };
});
const { startApiFront: realStartApiFront } = jest.requireActual<typeof ApiFront>('./api-front');

// The stage's HTTP API as `npm start` runs it, with a stand-in for `sls`: it serves on the Unix
// sockets serverless-offline is given (--httpPort, --lambdaPort), answering every request with
// its own name and the path it was asked for, and says it is ready as serverless-offline does.

const FAKE_SLS = `#!/usr/bin/env node
const { createServer } = require('node:http');
const argument = (flag) => process.argv[process.argv.indexOf(flag) + 1];
const serve = (name) => (request, response) => response.end(name + ' ' + request.method + ' ' + request.url);
createServer(serve('offline-http')).listen(argument('--httpPort'), () =>
  createServer(serve('offline-lambda')).listen(argument('--lambdaPort'), () => console.log('Server ready: http://offline')),
);
`;

const service: ServiceDefinition = {
  service: 'order-platform',
  stage: 'local',
  region: 'eu-west-1',
  functions: {
    getCatalog: { handler: 'h.handler', name: 'getCatalog', timeout: 6, events: [{ httpApi: 'GET /catalog' }] },
  },
  httpApi: {},
  stateMachines: {},
  resources: {},
};

let directory: string;
let sls: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'local-http-api-'));
  sls = join(directory, 'sls');
  writeFileSync(sls, FAKE_SLS);
  chmodSync(sls, 0o755);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const start = async (definition: Promise<ServiceDefinition>) => {
  const ports = { httpPort: await freePort(), lambdaPort: await freePort() };
  const api = startLocalHttpApi({ stage: 'local', ...ports, service: definition, environment: {}, log: () => {}, sls });
  return { api, ports };
};

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('connect', () => socket.destroy());
  });

describe('the local HTTP API', () => {
  it('serves the stage’s routes and the Lambda invoke API through its fronts, from serverless-offline on sockets only it may enter', async () => {
    const { api, ports } = await start(Promise.resolve(service));
    try {
      await api.ready;

      expect(api.apiUrl).toBe(`http://127.0.0.1:${ports.httpPort}`);
      await expect((await fetch(`${api.apiUrl}/catalog`)).text()).resolves.toBe('offline-http GET /catalog');
      expect((await fetch(`${api.apiUrl}/nowhere`)).status).toBe(404);
      const invoke = await fetch(`${api.lambdaEndpoint}/2015-03-31/functions/getCatalog/invocations`, {
        method: 'POST',
      });
      await expect(invoke.text()).resolves.toBe('offline-lambda POST /2015-03-31/functions/getCatalog/invocations');
    } finally {
      await api.stop();
    }

    expect(await listening(ports.httpPort)).toBe(false);
    expect(await listening(ports.lambdaPort)).toBe(false);
  });

  it('removes its socket directory when it stops', async () => {
    const { api } = await start(Promise.resolve(service));
    await api.ready;
    const [socketDirectory] = jest
      .mocked(startApiFront)
      .mock.calls.map(([options]) => options.socketPath.replace(/\/http\.sock$/, ''))
      .slice(-1);

    expect(socketDirectory !== undefined && existsSync(socketDirectory)).toBe(true);
    await api.stop();
    expect(existsSync(socketDirectory as string)).toBe(false);
  });

  it('starts no front when it is stopped before the stage’s routes are known', async () => {
    let resolveService: (definition: ServiceDefinition) => void = () => undefined;
    const { api, ports } = await start(new Promise((resolve) => (resolveService = resolve)));

    await api.stop();
    resolveService(service);
    await api.ready;

    expect(await listening(ports.httpPort)).toBe(false);
    expect(await listening(ports.lambdaPort)).toBe(false);
  });

  it('stops the fronts that were starting when it was stopped', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started: Front | undefined;
    jest.mocked(startApiFront).mockImplementationOnce(async (options) => {
      await released;
      started = await realStartApiFront(options);
      return started;
    });
    const { api, ports } = await start(Promise.resolve(service));
    await new Promise((resolve) => setImmediate(resolve));

    const stopping = api.stop();
    release();
    await stopping;
    await api.ready.catch(() => undefined);

    expect(started).toBeDefined();
    expect(await listening(ports.httpPort)).toBe(false);
    expect(await listening(ports.lambdaPort)).toBe(false);
  });
});
