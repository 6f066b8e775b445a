import {
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startLocalSecretsManager, type LocalSecretsManager } from './local-secrets-manager';

describe('the local Secrets Manager', () => {
  let secretsManager: LocalSecretsManager;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    secretsManager = await startLocalSecretsManager({
      secrets: { 'order-platform/local/stripe-secret-key': 'sk_test_local' },
      region: 'eu-west-1',
      accountId: '123456789012',
    });
    client = new SecretsManagerClient({
      endpoint: secretsManager.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    client.destroy();
    await secretsManager.stop();
  });

  it('answers GetSecretValue by name, as the SDK reads it', async () => {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: 'order-platform/local/stripe-secret-key' }));

    expect(secret).toMatchObject({
      Name: 'order-platform/local/stripe-secret-key',
      SecretString: 'sk_test_local',
      VersionStages: ['AWSCURRENT'],
    });
    expect(secret.ARN).toMatch(
      /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:order-platform\/local\/stripe-secret-key-[0-9a-f]{6}$/,
    );
    expect(secret.CreatedDate).toBeInstanceOf(Date);
    expect(secretsManager.reads).toEqual(['order-platform/local/stripe-secret-key']);
  });

  it('answers a rotated secret with its new value and version under the same ARN', async () => {
    const before = await client.send(new GetSecretValueCommand({ SecretId: 'order-platform/local/stripe-secret-key' }));
    secretsManager.put('order-platform/local/stripe-secret-key', 'sk_test_rotated');

    const after = await client.send(new GetSecretValueCommand({ SecretId: 'order-platform/local/stripe-secret-key' }));

    expect(after).toMatchObject({ ARN: before.ARN, SecretString: 'sk_test_rotated' });
    expect(after.VersionId).not.toBe(before.VersionId);
  });

  it('answers by the full ARN too', async () => {
    const { ARN } = await client.send(
      new GetSecretValueCommand({ SecretId: 'order-platform/local/stripe-secret-key' }),
    );

    expect((await client.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString).toBe('sk_test_local');
  });

  it('answers ResourceNotFoundException for a secret it does not hold', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'other' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('refuses an operation it does not serve, naming it', async () => {
    await expect(client.send(new ListSecretsCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: expect.stringContaining('secretsmanager.ListSecrets'),
    });
  });

  it.each([
    ['an unsigned request', {}, JSON.stringify({ SecretId: 'x' }), 'MissingAuthenticationTokenException'],
    ['a body that is not JSON', { authorization: 'AWS4-HMAC-SHA256 Credential=local' }, '{', 'SerializationException'],
    ['no SecretId', { authorization: 'AWS4-HMAC-SHA256 Credential=local' }, '{}', 'InvalidParameterException'],
  ])('answers 400 for %s', async (_case, headers: Record<string, string>, body, type) => {
    const response = await fetch(secretsManager.endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'secretsmanager.GetSecretValue',
        'Content-Type': 'application/x-amz-json-1.1',
        ...headers,
      },
      body,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: type });
  });

  it('answers 404 off its one route', async () => {
    expect((await fetch(`${secretsManager.endpoint}/secrets`)).status).toBe(404);
  });
});
