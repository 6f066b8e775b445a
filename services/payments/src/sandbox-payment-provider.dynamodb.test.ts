import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@order-platform/persistence';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import type { ChargingPaymentProvider } from './ports';
import { buildSandboxPaymentProvider } from './sandbox-payment-provider';

const TABLE = 'sandbox-payments-test';
const amount = { amount: 8900, currency: 'EUR' as const };

describe('sandbox payment provider on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let provider: ChargingPaymentProvider;
  let key = 0;
  const nextKey = () => `order-${++key}`;
  /** The provider's own record of a key, as a refund leaves it. */
  const ledgerEntry = async (idempotencyKey: string) =>
    (
      await createDocumentClient(dynamodb.client).send(
        new GetCommand({ TableName: TABLE, Key: { idempotencyKey }, ConsistentRead: true }),
      )
    ).Item;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { SandboxPaymentsTable: TABLE });
    provider = buildSandboxPaymentProvider(createDocumentClient(dynamodb.client), TABLE);
  });

  afterAll(() => dynamodb.stop());

  it('approves tok_visa and answers a repeated key with the same charge, charging once', async () => {
    const idempotencyKey = nextKey();

    const first = await provider.charge({ idempotencyKey, token: 'tok_visa', amount });
    const again = await provider.charge({ idempotencyKey, token: 'tok_visa', amount });

    expect(first).toEqual({ outcome: 'APPROVED', chargeId: expect.stringMatching(/^ch_sandbox_/) });
    expect(again).toEqual(first);
  });

  it('declines tok_declined with a reason, and keeps declining that key', async () => {
    const idempotencyKey = nextKey();

    expect(await provider.charge({ idempotencyKey, token: 'tok_declined', amount })).toEqual({
      outcome: 'DECLINED',
      reason: 'Card declined by the issuer',
    });
    expect(await provider.charge({ idempotencyKey, token: 'tok_declined', amount })).toMatchObject({
      outcome: 'DECLINED',
    });
  });

  it('declines a token the sandbox does not know', async () => {
    expect(await provider.charge({ idempotencyKey: nextKey(), token: 'tok_made_up', amount })).toEqual({
      outcome: 'DECLINED',
      reason: 'Unknown card token',
    });
  });

  it("fails tok_flaky transiently on the order's first two attempts, then approves", async () => {
    const idempotencyKey = nextKey();
    const attempt = () => provider.charge({ idempotencyKey, token: 'tok_flaky', amount });

    await expect(attempt()).rejects.toMatchObject({
      name: 'PaymentProviderUnavailable',
      message: expect.stringContaining('attempt 1'),
    });
    await expect(attempt()).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
    const approved = await attempt();

    expect(approved).toMatchObject({ outcome: 'APPROVED' });
    expect(await attempt()).toEqual(approved);
  });

  it('fails tok_error on every attempt', async () => {
    const idempotencyKey = nextKey();
    for (let i = 0; i < 4; i += 1) {
      await expect(provider.charge({ idempotencyKey, token: 'tok_error', amount })).rejects.toMatchObject({
        name: 'PaymentProviderUnavailable',
      });
    }
  });

  it('charges once when the same key arrives concurrently', async () => {
    const idempotencyKey = nextKey();

    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => provider.charge({ idempotencyKey, token: 'tok_visa', amount })),
    );

    expect(new Set(outcomes.map((o) => (o.outcome === 'APPROVED' ? o.chargeId : o.reason))).size).toBe(1);
  });

  it('refunds an approved charge, and a second refund is a no-op that still reports it refunded', async () => {
    const idempotencyKey = nextKey();
    await provider.charge({ idempotencyKey, token: 'tok_visa', amount });

    expect(await provider.refund({ idempotencyKey })).toEqual({ refunded: true });
    const afterFirst = await ledgerEntry(idempotencyKey);
    expect(await provider.refund({ idempotencyKey })).toEqual({ refunded: true });

    expect(afterFirst).toMatchObject({ outcome: 'APPROVED', status: 'REFUNDED', attempts: 1 });
    expect(await ledgerEntry(idempotencyKey)).toEqual(afterFirst);
  });

  it('has nothing to refund when nothing was charged: unknown key, decline, or an outage', async () => {
    const declined = nextKey();
    await provider.charge({ idempotencyKey: declined, token: 'tok_declined', amount });
    const outage = nextKey();
    await provider.charge({ idempotencyKey: outage, token: 'tok_error', amount }).catch(() => undefined);

    expect(await provider.refund({ idempotencyKey: nextKey() })).toEqual({ refunded: false });
    expect(await provider.refund({ idempotencyKey: declined })).toEqual({ refunded: false });
    expect(await provider.refund({ idempotencyKey: outage })).toEqual({ refunded: false });
  });

  it('fails every refund of tok_refund_fails transiently, after approving its charge', async () => {
    const idempotencyKey = nextKey();

    expect(await provider.charge({ idempotencyKey, token: 'tok_refund_fails', amount })).toMatchObject({
      outcome: 'APPROVED',
    });
    await expect(provider.refund({ idempotencyKey })).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
  });
});
