import { createServer } from 'node:net';

/** A reason the local stack cannot start, said in one line. */
export class StartupError extends Error {}

export class PortInUseError extends StartupError {
  /** `flag`: the `npm start` option that moves this port, so the refusal says how. */
  constructor(port: number, role: string, flag?: string) {
    const move = flag ? `another port with ${flag} <port>` : 'another port';
    super(`port ${port} (${role}) is already in use: stop what is using it, or choose ${move}.`);
  }
}

/** Refuses a port something already listens on, naming what the stack wanted it for and its flag. */
export const ensurePortFree = (port: number, role: string, flag?: string) =>
  new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new PortInUseError(port, role, flag)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** A free port for every service the platform listens on: for tests and benchmarks beside `npm start`. */
export const freePorts = async () => ({
  httpPort: await freePort(),
  lambdaPort: await freePort(),
  dynamoDbPort: await freePort(),
  stepFunctionsPort: await freePort(),
  snsPort: await freePort(),
  consolePort: await freePort(),
  storefrontPort: await freePort(),
});

/**
 * What has started, to stop in the reverse order: the last thing started depends on the ones
 * before it. A step that fails to stop does not keep the others running.
 */
export const startedResources = () => {
  const stops: (() => unknown)[] = [];
  return {
    /** Remembers how to stop what was just started, and hands it back. */
    started<T>(resource: T, stop: (resource: T) => unknown): T {
      stops.push(() => stop(resource));
      return resource;
    },
    async stopAll(): Promise<void> {
      for (const stop of stops.splice(0).reverse())
        await Promise.resolve()
          .then(stop)
          .catch(() => undefined);
    },
  };
};
