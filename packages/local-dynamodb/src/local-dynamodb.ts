import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serveDynalite } from './dynalite-server';
import { serveInOwnThread } from './dynalite-thread';

export interface LocalDynamoDb {
  readonly endpoint: string;
  /** A client for this endpoint with throwaway credentials (the server checks none). */
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

/**
 * A DynamoDB-protocol server (dynalite) on 127.0.0.1 only. Port 0 picks a free port; `path`
 * keeps the data on disk between runs; `onRequest` hears the operation (`GetItem`, …) of every
 * request it answers, as it arrives. It answers only requests addressed to its own loopback
 * address and none from a web page (dynalite alone answers any origin's CORS preflight with `*`):
 * see @order-platform/loopback-guard. With `ownThread` it runs in a worker thread of its own
 * (dynalite-thread.ts), so that the local stack's DynamoDB does not share the event loop of the
 * workflow and the API front that call it.
 */
export const startLocalDynamoDb = async ({
  port = 0,
  path,
  onRequest,
  ownThread = false,
}: {
  port?: number;
  path?: string;
  onRequest?: (operation: string) => void;
  ownThread?: boolean;
} = {}): Promise<LocalDynamoDb> => {
  if (ownThread && onRequest) throw new Error('onRequest is heard in this thread only: not with ownThread');
  const server = ownThread ? await serveInOwnThread({ port, path }) : await serveDynalite({ port, path, onRequest });
  const client = new DynamoDBClient({
    endpoint: server.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    endpoint: server.endpoint,
    client,
    async stop() {
      client.destroy();
      await server.close();
    },
  };
};
