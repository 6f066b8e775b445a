import { listenOnLoopback, readRequestBody } from '@order-platform/loopback-guard';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface LocalSecretsManager {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL_SECRETS_MANAGER points the SDK at. */
  readonly endpoint: string;
  /** Every secret asked for, by the id the caller used (tests check who read what). */
  readonly reads: readonly string[];
  /** Gives a secret a new value (a rotation), or adds it. */
  put(name: string, value: string): void;
  stop(): Promise<void>;
}

interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly value: string;
  readonly versionId: string;
  readonly createdDate: number;
}

const JSON_1_1 = 'application/x-amz-json-1.1';

const answer = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'Content-Type': JSON_1_1, 'x-amzn-RequestId': randomUUID() });
  response.end(JSON.stringify(body));
};

/** An error as the AWS JSON protocol carries it: the SDK throws an exception named `__type`. */
const fail = (response: ServerResponse, status: number, type: string, message: string) =>
  answer(response, status, { __type: type, message });

/**
 * Secrets Manager for the local stack, the part the platform uses: `GetSecretValue`
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html) over
 * the AWS JSON 1.1 protocol, by name or ARN, for the secrets it was started with. It requires a
 * SigV4 Authorization header but, like the other local services, does not verify it.
 */
export const startLocalSecretsManager = async ({
  secrets,
  port = 0,
  region = 'us-east-1',
  accountId = '000000000000',
}: {
  /** Secret name → its plain-text value (SecretString). */
  secrets: Readonly<Record<string, string>>;
  port?: number;
  region?: string;
  accountId?: string;
}): Promise<LocalSecretsManager> => {
  const stored = new Map<string, StoredSecret>();
  const put = (name: string, value: string) =>
    stored.set(name, {
      name,
      // Secrets Manager ends every secret's ARN with a hyphen and six random characters.
      arn:
        stored.get(name)?.arn ??
        `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${randomBytes(3).toString('hex')}`,
      value,
      versionId: randomUUID(),
      createdDate: Date.now() / 1000,
    });
  for (const [name, value] of Object.entries(secrets)) put(name, value);
  const reads: string[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readRequestBody(request);
    if (request.method !== 'POST' || request.url !== '/') {
      return fail(response, 404, 'UnknownOperationException', `No route for ${request.method} ${request.url}`);
    }
    if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
      return fail(response, 400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
      return fail(
        response,
        400,
        'UnknownOperationException',
        `The local Secrets Manager serves GetSecretValue only, not ${request.headers['x-amz-target']}`,
      );
    }
    let secretId: unknown;
    try {
      secretId = (JSON.parse(body) as { SecretId?: unknown }).SecretId;
    } catch {
      return fail(response, 400, 'SerializationException', 'The request body is not JSON');
    }
    if (typeof secretId !== 'string' || secretId === '') {
      return fail(response, 400, 'InvalidParameterException', 'SecretId is required');
    }
    reads.push(secretId);
    const secret = [...stored.values()].find((candidate) => candidate.name === secretId || candidate.arn === secretId);
    if (!secret) {
      return fail(response, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    return answer(response, 200, {
      ARN: secret.arn,
      Name: secret.name,
      SecretString: secret.value,
      VersionId: secret.versionId,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: secret.createdDate,
    });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => fail(response, 500, 'InternalServiceError', error.message));
  });
  const { endpoint, stop } = await listenOnLoopback(server, port, 'none');
  return { endpoint, reads, put, stop };
};
