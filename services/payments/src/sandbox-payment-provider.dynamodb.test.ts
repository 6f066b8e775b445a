import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '@order-platform/persistence';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { createTables } from '@order-platform/persistence/tables';
import type { PaymentProvider } from './ports';
import { buildSandboxPaymentProvider } from './sandbox-payment-provider';

const TABLE = 'sandbox-payments-test';
const amount = { amount: 8900, currency: 'EUR' as const };

describe('sandbox payment provider on a local DynamoDB', () => {
  let dynamodb: LocalDynamoDb;
  let provider: PaymentProvider;
  let order = 0;
  const nextOrder = () => `order-${++order}`;
  /** The provider's own record of an order's hold. */
  const ledgerEntry = async (orderId: string) =>
    (
      await createDocumentClient(dynamodb.client).send(
        new GetCommand({ TableName: TABLE, Key: { idempotencyKey: `${orderId}:authorize` }, ConsistentRead: true }),
      )
    ).Item;

  /** An order whose amount is held with `token`, and the hold's id. */
  const held = async (token = 'tok_visa') => {
    const orderId = nextOrder();
    const outcome = await provider.authorize({ orderId, token, amount });
    if (outcome.outcome !== 'AUTHORIZED') throw new Error(`${token} was not authorized`);
    return { orderId, authorizationId: outcome.authorizationId };
  };

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    await createTables(dynamodb.client, { SandboxPaymentsTable: TABLE });
    provider = buildSandboxPaymentProvider(createDocumentClient(dynamodb.client), TABLE);
  }, 30_000); // starting dynalite takes seconds when the machine runs other suites beside it

  afterAll(() => dynamodb.stop());

  describe('authorize', () => {
    it('holds tok_visa and answers a repeated authorization of the order with the same hold, holding once', async () => {
      const orderId = nextOrder();

      const first = await provider.authorize({ orderId, token: 'tok_visa', amount });
      const again = await provider.authorize({ orderId, token: 'tok_visa', amount });

      expect(first).toEqual({ outcome: 'AUTHORIZED', authorizationId: expect.stringMatching(/^auth_sandbox_/) });
      expect(again).toEqual(first);
      expect(await ledgerEntry(orderId)).toMatchObject({ status: 'AUTHORIZED', attempts: 2, amount });
    });

    it('declines tok_declined with a reason, and keeps declining that order', async () => {
      const orderId = nextOrder();

      expect(await provider.authorize({ orderId, token: 'tok_declined', amount })).toEqual({
        outcome: 'DECLINED',
        reason: 'Card declined by the issuer',
      });
      expect(await provider.authorize({ orderId, token: 'tok_declined', amount })).toMatchObject({
        outcome: 'DECLINED',
      });
      expect(await ledgerEntry(orderId)).toMatchObject({ outcome: 'DECLINED', reason: 'Card declined by the issuer' });
    });

    it('declines a token the sandbox does not know', async () => {
      expect(await provider.authorize({ orderId: nextOrder(), token: 'tok_made_up', amount })).toEqual({
        outcome: 'DECLINED',
        reason: 'Unknown card token',
      });
    });

    it("fails tok_flaky transiently on the order's first two attempts, then authorizes", async () => {
      const orderId = nextOrder();
      const attempt = () => provider.authorize({ orderId, token: 'tok_flaky', amount });

      await expect(attempt()).rejects.toMatchObject({
        name: 'PaymentProviderUnavailable',
        message: expect.stringContaining('attempt 1'),
      });
      await expect(attempt()).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
      const authorized = await attempt();

      expect(authorized).toMatchObject({ outcome: 'AUTHORIZED' });
      expect(await attempt()).toEqual(authorized);
    });

    it('fails tok_error on every attempt', async () => {
      const orderId = nextOrder();
      for (let i = 0; i < 4; i += 1) {
        await expect(provider.authorize({ orderId, token: 'tok_error', amount })).rejects.toMatchObject({
          name: 'PaymentProviderUnavailable',
        });
      }
    });

    it('holds once when the same order arrives concurrently', async () => {
      const orderId = nextOrder();

      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => provider.authorize({ orderId, token: 'tok_visa', amount })),
      );

      expect(new Set(outcomes.map((o) => (o.outcome === 'AUTHORIZED' ? o.authorizationId : o.reason))).size).toBe(1);
    });
  });

  describe('capture', () => {
    it('takes the held amount once: a repeated capture answers the first capture', async () => {
      const { orderId, authorizationId } = await held();

      const first = await provider.capture({ orderId, authorizationId, amount });
      const again = await provider.capture({ orderId, authorizationId, amount });

      expect(first).toEqual({ captureId: expect.stringMatching(/^cap_sandbox_/) });
      expect(again).toEqual(first);
      expect(await ledgerEntry(orderId)).toMatchObject({ status: 'CAPTURED', captureId: first.captureId });
    });

    it('names holds and captures as a provider does: a prefix and 32 hex digits, unique per order', async () => {
      // Built here, not in beforeAll, so that what builds the ids runs inside this test.
      const sandbox = buildSandboxPaymentProvider(createDocumentClient(dynamodb.client), TABLE);
      const orderId = nextOrder();

      const hold = await sandbox.authorize({ orderId, token: 'tok_visa', amount });
      if (hold.outcome !== 'AUTHORIZED') throw new Error('tok_visa was not authorized');
      const capture = await sandbox.capture({ orderId, authorizationId: hold.authorizationId, amount });

      expect(hold.authorizationId).toMatch(/^auth_sandbox_[0-9a-f]{32}$/);
      expect(capture.captureId).toMatch(/^cap_sandbox_[0-9a-f]{32}$/);
    });

    it('captures once when the same capture arrives concurrently', async () => {
      const { orderId, authorizationId } = await held();

      const captures = await Promise.all(
        Array.from({ length: 8 }, () => provider.capture({ orderId, authorizationId, amount })),
      );

      expect(new Set(captures.map((capture) => capture.captureId)).size).toBe(1);
    });

    it("fails tok_capture_flaky transiently on the order's first two captures, then captures", async () => {
      const { orderId, authorizationId } = await held('tok_capture_flaky');
      const attempt = () => provider.capture({ orderId, authorizationId, amount });

      await expect(attempt()).rejects.toMatchObject({
        name: 'PaymentProviderUnavailable',
        message: 'Sandbox provider unavailable (capture attempt 1)',
      });
      await expect(attempt()).rejects.toMatchObject({ name: 'PaymentProviderUnavailable' });
      const captured = await attempt();

      expect(captured).toEqual({ captureId: expect.stringMatching(/^cap_sandbox_/) });
      expect(await attempt()).toEqual(captured);
    });

    it('refuses every capture of tok_capture_rejected for good, and the hold can still be voided', async () => {
      const { orderId, authorizationId } = await held('tok_capture_rejected');

      await expect(provider.capture({ orderId, authorizationId, amount })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: `Sandbox provider refused to capture order ${orderId}: the card issuer refused the capture`,
      });
      await expect(provider.capture({ orderId, authorizationId, amount })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
      });
      expect(await provider.void({ orderId, authorizationId })).toEqual({ voided: true });
    });

    it('refuses to capture a released hold for good, even with a card whose captures fail for a while', async () => {
      const hold = await held('tok_capture_flaky');
      await provider.void(hold);

      await expect(provider.capture({ ...hold, amount })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: expect.stringContaining('the hold was voided'),
      });
    });

    it('refuses to capture a refunded payment again, rather than answering its first capture', async () => {
      const hold = await held();
      await provider.capture({ ...hold, amount });
      await provider.refund({ ...hold, amount });

      await expect(provider.capture({ ...hold, amount })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: expect.stringContaining('the hold was refunded'),
      });
    });

    it('refuses to capture a released hold, another hold, or more than was held', async () => {
      const released = await held();
      await provider.void(released);
      const other = await held();

      await expect(provider.capture({ ...released, amount })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: expect.stringContaining('the hold was voided'),
      });
      await expect(
        provider.capture({ orderId: other.orderId, authorizationId: 'auth_sandbox_other', amount }),
      ).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: `Sandbox provider refused to capture order ${other.orderId}: no hold auth_sandbox_other`,
      });
      await expect(provider.capture({ ...other, amount: { ...amount, amount: 8901 } })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: `Sandbox provider refused to capture order ${other.orderId}: 8901 EUR is more than the hold`,
      });
      await expect(provider.capture({ ...other, amount: { ...amount, currency: 'USD' } })).rejects.toMatchObject({
        name: 'PaymentCaptureRejected',
        message: expect.stringContaining('8900 USD is more than the hold'),
      });
      expect(await ledgerEntry(other.orderId)).toMatchObject({ status: 'AUTHORIZED' });
    });
  });

  describe('void and refund', () => {
    it('voids an uncaptured hold once: a repeated void answers voided again and changes nothing', async () => {
      const hold = await held();

      expect(await provider.void(hold)).toEqual({ voided: true });
      const afterFirst = await ledgerEntry(hold.orderId);
      expect(await provider.void(hold)).toEqual({ voided: true });

      expect(afterFirst).toMatchObject({ status: 'VOIDED' });
      expect(await ledgerEntry(hold.orderId)).toEqual(afterFirst);
    });

    it('does not void a captured payment, and refunds it once', async () => {
      const hold = await held();
      await provider.capture({ ...hold, amount });

      expect(await provider.void(hold)).toEqual({ voided: false });
      expect(await provider.refund({ ...hold, amount })).toEqual({ refunded: true });
      const afterFirst = await ledgerEntry(hold.orderId);
      expect(await provider.refund({ ...hold, amount })).toEqual({ refunded: true });

      expect(afterFirst).toMatchObject({ status: 'REFUNDED' });
      expect(await ledgerEntry(hold.orderId)).toEqual(afterFirst);
    });

    it('has nothing to refund for a hold never captured, and nothing to release for a decline or an outage', async () => {
      const uncaptured = await held();
      const declined = nextOrder();
      await provider.authorize({ orderId: declined, token: 'tok_declined', amount });
      const outage = nextOrder();
      await provider.authorize({ orderId: outage, token: 'tok_error', amount }).catch(() => undefined);

      expect(await provider.refund({ ...uncaptured, amount })).toEqual({ refunded: false });
      for (const orderId of [declined, outage, nextOrder()]) {
        expect(await provider.void({ orderId, authorizationId: 'auth_sandbox_none' })).toEqual({ voided: false });
        expect(await provider.refund({ orderId, authorizationId: 'auth_sandbox_none', amount })).toEqual({
          refunded: false,
        });
      }
      expect(await ledgerEntry(uncaptured.orderId)).toMatchObject({ status: 'AUTHORIZED' });
    });

    it('fails every void and refund of tok_refund_fails transiently, after holding and capturing', async () => {
      const hold = await held('tok_refund_fails');

      await expect(provider.void(hold)).rejects.toMatchObject({
        name: 'PaymentProviderUnavailable',
        message: 'Sandbox provider cannot void this hold',
      });
      await provider.capture({ ...hold, amount });
      await expect(provider.refund({ ...hold, amount })).rejects.toMatchObject({
        name: 'PaymentProviderUnavailable',
        message: 'Sandbox provider cannot refund this card',
      });
    });
  });
});
