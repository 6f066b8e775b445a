import { createServer } from 'node:net';
import {
  assertBuildable,
  startLocalPlatformOnFreePorts,
  type LocalPlatform,
  type LocalPlatformOptions,
} from './local-platform';
import { ensurePortFree, freePort, freePorts, PortInUseError, startedResources, StartupError } from './ports';
import type { ServiceDefinition } from './step-functions/service-definition';

describe('the build check before anything starts', () => {
  const service = (handler: string) =>
    ({
      functions: { createOrder: { name: 'order-platform-local-createOrder', handler } },
    }) as unknown as ServiceDefinition;

  it('names a function whose handler module is missing', () => {
    expect(() => assertBuildable(service('services/orders/functions/nope/handler.handler'))).toThrow(
      new StartupError(
        'function createOrder has no handler module: services/orders/functions/nope/handler.ts is missing (see serverless.yml).',
      ),
    );
  });

  it('accepts the handlers serverless.yml names', () => {
    expect(() => assertBuildable(service('services/orders/functions/create-order/handler.handler'))).not.toThrow();
  });
});

describe('ports', () => {
  it('refuses a port something listens on, naming what the stack wanted it for', async () => {
    const port = await freePort();
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));
    try {
      await expect(ensurePortFree(port, 'DynamoDB')).rejects.toEqual(new PortInUseError(port, 'DynamoDB'));
      await expect(ensurePortFree(port, 'DynamoDB')).rejects.toThrow(
        `port ${port} (DynamoDB) is already in use: stop what is using it, or choose another port.`,
      );
      // npm start names the option that moves the port.
      await expect(ensurePortFree(port, 'DynamoDB', '--dynamodb-port')).rejects.toThrow(
        `port ${port} (DynamoDB) is already in use: stop what is using it, or choose another port with --dynamodb-port <port>.`,
      );
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
    await expect(ensurePortFree(port, 'DynamoDB')).resolves.toBeUndefined();
  });

  it('finds a distinct free port for every service', async () => {
    const ports = Object.values(await freePorts());
    expect(ports).toHaveLength(7);
    expect(new Set(ports).size).toBe(7);
  });
});

describe('startedResources', () => {
  it('stops what started in reverse, once, and goes on past a step that fails to stop', async () => {
    const stopped: string[] = [];
    const resources = startedResources();
    resources.started('database', (name) => stopped.push(name));
    resources.started('workflow', () => {
      throw new Error('already gone');
    });
    resources.started('endpoint', async (name) => {
      stopped.push(name);
    });

    await resources.stopAll();
    await resources.stopAll();

    expect(stopped).toEqual(['endpoint', 'database']);
  });
});

describe('startLocalPlatformOnFreePorts', () => {
  const ports = {
    httpPort: 1,
    lambdaPort: 2,
    dynamoDbPort: 3,
    stepFunctionsPort: 4,
    snsPort: 5,
    consolePort: 6,
    storefrontPort: 7,
  };
  const platform = { apiUrl: 'http://127.0.0.1:1' } as LocalPlatform;

  it('starts again on other ports when one was taken before the platform bound it', async () => {
    const tried: unknown[] = [];
    const start = jest.fn(async (options: LocalPlatformOptions = {}) => {
      tried.push(options.httpPort);
      if (tried.length === 1) throw new PortInUseError(1, 'HTTP API');
      if (tried.length === 2) throw Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
      return platform;
    });
    let next = 0;
    const findPorts = async () => ({ ...ports, httpPort: (next += 1) });

    await expect(startLocalPlatformOnFreePorts({ persist: false }, { start, findPorts })).resolves.toBe(platform);
    expect(tried).toEqual([1, 2, 3]);
    expect(start).toHaveBeenLastCalledWith({ ...ports, httpPort: 3, persist: false });
  });

  it('gives up after its attempts, and at once on any other failure', async () => {
    const taken = new PortInUseError(1, 'HTTP API');
    const alwaysTaken = jest.fn(() => Promise.reject(taken));
    await expect(
      startLocalPlatformOnFreePorts({}, { attempts: 2, start: alwaysTaken, findPorts: async () => ports }),
    ).rejects.toBe(taken);
    expect(alwaysTaken).toHaveBeenCalledTimes(2);

    const broken = new StartupError('function x has no handler module');
    const failing = jest.fn(() => Promise.reject(broken));
    await expect(startLocalPlatformOnFreePorts({}, { start: failing, findPorts: async () => ports })).rejects.toBe(
      broken,
    );
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
