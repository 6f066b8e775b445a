import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSigningKey } from '../identity/local-identity';
import { startedResources } from '../ports';
import { startServerlessOffline, stopProcess } from '../serverless-offline';
import type { ServiceDefinition } from '../step-functions/service-definition';
import { startApiFront, startLambdaFront } from './api-front';
import { httpApiOf, withAllowedOrigins } from './http-api-routes';

export interface LocalHttpApi {
  readonly apiUrl: string;
  /** serverless-offline's Lambda invoke API (`POST /2015-03-31/functions/<name>/invocations`). */
  readonly lambdaEndpoint: string;
  /** Resolves once the fronts listen and serverless-offline serves; rejects if either cannot. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The stage's HTTP API and Lambda invoke API on `httpPort` and `lambdaPort`: serverless-offline on
 * Unix sockets in a directory only this user may enter (mkdtemp: 0700), behind the fronts of
 * api-front.ts. serverless-offline starts at once; the fronts once `service` resolves (its routes
 * and authorizers are serverless.yml's).
 */
export const startLocalHttpApi = ({
  httpPort,
  lambdaPort,
  service,
  allowedOrigins = [],
  ...offlineOptions
}: {
  stage: string;
  httpPort: number;
  lambdaPort: number;
  service: Promise<ServiceDefinition>;
  /** Browser origins allowed besides the stage's `allowedOrigins` (the local storefront's). */
  allowedOrigins?: readonly string[];
  environment: Record<string, string>;
  params?: Readonly<Record<string, string>>;
  log: (line: string) => void;
  /** The Serverless Framework's command (tests pass a stand-in). */
  sls?: string;
}): LocalHttpApi => {
  const socketDirectory = mkdtempSync(join(tmpdir(), 'order-platform-api-'));
  const sockets = { http: join(socketDirectory, 'http.sock'), lambda: join(socketDirectory, 'lambda.sock') };
  const offline = startServerlessOffline({ ...offlineOptions, httpPort: sockets.http, lambdaPort: sockets.lambda });
  offline.ready.catch(() => undefined);

  const fronts = startedResources();
  let stopping = false;
  const ready = (async () => {
    const api = withAllowedOrigins(httpApiOf(await service), allowedOrigins);
    if (stopping) return;
    fronts.started(
      await startApiFront({ port: httpPort, socketPath: sockets.http, api, issuerKey: localSigningKey }),
      (front) => front.stop(),
    );
    fronts.started(await startLambdaFront({ port: lambdaPort, socketPath: sockets.lambda }), (front) => front.stop());
    // Stopped while they started: stop() has already run past them.
    if (stopping) await fronts.stopAll();
    await offline.ready;
  })();
  ready.catch(() => undefined);

  return {
    apiUrl: `http://127.0.0.1:${httpPort}`,
    lambdaEndpoint: `http://127.0.0.1:${lambdaPort}`,
    ready,
    stop: async () => {
      stopping = true;
      // The fronts first: no new request arrives while serverless-offline stops.
      await fronts.stopAll();
      await stopProcess(offline.child);
      rmSync(socketDirectory, { recursive: true, force: true });
    },
  };
};
