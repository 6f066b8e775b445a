import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PaymentCaptureRejectedError, PaymentProviderUnavailableError, type Money } from '@order-platform/domain';
import { whenConditionHolds } from '@order-platform/persistence';
import { randomUUID } from 'node:crypto';
import { paymentIdempotencyKey, type AuthorizationOutcome, type PaymentProvider } from './ports';
import { declineReasonFor, sandboxAuthorizeAnswer, sandboxCaptureAnswer, sandboxReleaseFails } from './sandbox-cards';

/** Where a hold is, as a provider's payment intent moves: held, then taken or released, then given back. */
type HoldStatus = 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED';

/** One order's hold in the ledger, keyed by the order's authorize key. */
interface SandboxHold {
  readonly idempotencyKey: string;
  readonly token: string;
  readonly amount: Money;
  readonly attempts: number;
  readonly outcome?: 'AUTHORIZED' | 'DECLINED';
  readonly authorizationId?: string;
  readonly reason?: string;
  readonly status?: HoldStatus;
  readonly captureAttempts?: number;
  readonly captureId?: string;
}

const outcomeOf = (hold: SandboxHold): AuthorizationOutcome | undefined => {
  if (hold.outcome === 'AUTHORIZED' && hold.authorizationId) {
    return { outcome: 'AUTHORIZED', authorizationId: hold.authorizationId };
  }
  if (hold.outcome === 'DECLINED') return { outcome: 'DECLINED', reason: hold.reason ?? 'Declined' };
  return undefined;
};

const sandboxId = (prefix: string) => () => `${prefix}_sandbox_${randomUUID().replaceAll('-', '')}`;

/** The ledger's reads and writes: one item per order's hold, every change of status conditional on the last. */
const sandboxLedger = (documentClient: DynamoDBDocumentClient, tableName: string) => {
  const holdKey = (orderId: string) => ({ idempotencyKey: paymentIdempotencyKey(orderId, 'authorize') });

  const read = async (orderId: string) =>
    (await documentClient.send(new GetCommand({ TableName: tableName, Key: holdKey(orderId), ConsistentRead: true })))
      .Item as SandboxHold | undefined;

  return {
    read,

    /** Counts a request for the order's hold (`attempts` or `captureAttempts`) and answers the hold after it. */
    async count(orderId: string, counter: 'attempts' | 'captureAttempts', first?: { token: string; amount: Money }) {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: holdKey(orderId),
          UpdateExpression: first
            ? `ADD ${counter} :one SET #token = if_not_exists(#token, :token), amount = if_not_exists(amount, :amount)`
            : `ADD ${counter} :one`,
          ...(first ? { ExpressionAttributeNames: { '#token': 'token' } } : {}),
          ExpressionAttributeValues: {
            ':one': 1,
            ...(first ? { ':token': first.token, ':amount': first.amount } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as SandboxHold;
    },

    /** The order's hold, if this authorization made it: a decline, an outage or another id holds nothing. */
    async heldUnder(orderId: string, authorizationId: string) {
      const hold = await read(orderId);
      return hold?.outcome === 'AUTHORIZED' && hold.authorizationId === authorizationId ? hold : undefined;
    },

    /** Moves the hold from one status to the next; `false` when it was no longer there (a concurrent request moved it). */
    move(orderId: string, from: HoldStatus, to: HoldStatus, set: Record<string, string> = {}) {
      return whenConditionHolds(
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: holdKey(orderId),
            UpdateExpression: ['SET #status = :to', ...Object.keys(set).map((name) => `${name} = :${name}`)].join(', '),
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':from': from,
              ':to': to,
              ...Object.fromEntries(Object.entries(set).map(([name, value]) => [`:${name}`, value])),
            },
          }),
        ),
      );
    },

    /** Settles the first outcome for this order; a concurrent request that settled first wins. */
    async settle(orderId: string, outcome: AuthorizationOutcome): Promise<AuthorizationOutcome> {
      const applied = await whenConditionHolds(
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: holdKey(orderId),
            UpdateExpression:
              outcome.outcome === 'AUTHORIZED'
                ? 'SET outcome = :outcome, authorizationId = :authorizationId, #status = :held'
                : 'SET outcome = :outcome, reason = :reason',
            ConditionExpression: 'attribute_not_exists(outcome)',
            ...(outcome.outcome === 'AUTHORIZED'
              ? {
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':outcome': 'AUTHORIZED',
                    ':authorizationId': outcome.authorizationId,
                    ':held': 'AUTHORIZED',
                  },
                }
              : { ExpressionAttributeValues: { ':outcome': 'DECLINED', ':reason': outcome.reason } }),
          }),
        ),
      );
      if (applied) return outcome;
      const settled = await read(orderId);
      return (settled && outcomeOf(settled)) ?? outcome;
    },
  };
};

/**
 * The payment provider of every stage but prod: behaves by token (sandbox-cards.ts) and keeps, as
 * a real provider keeps its payment intents, a ledger of holds in DynamoDB, one item per order
 * under its authorize key. Every operation is idempotent per order and operation: a repeated
 * authorization gets the first answer, a repeated capture the first capture, a repeated void or
 * refund finds the hold released or given back and answers so again. The item counts attempts
 * (tok_flaky fails the first two authorizations, tok_capture_flaky the first two captures), and
 * every change of a hold's status is a write conditional on the status it leaves, so concurrent
 * requests take, release or give back once.
 */
export const buildSandboxPaymentProvider = (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  ids: { authorization: () => string; capture: () => string } = {
    authorization: sandboxId('auth'),
    capture: sandboxId('cap'),
  },
): PaymentProvider => {
  const ledger = sandboxLedger(documentClient, tableName);
  const rejected = (orderId: string, why: string) =>
    new PaymentCaptureRejectedError(`Sandbox provider refused to capture order ${orderId}: ${why}`);

  return {
    async authorize({ orderId, token, amount }) {
      const hold = await ledger.count(orderId, 'attempts', { token, amount });
      const settled = outcomeOf(hold);
      if (settled) return settled;
      switch (sandboxAuthorizeAnswer(hold.token, hold.attempts)) {
        case 'UNAVAILABLE':
          throw new PaymentProviderUnavailableError(`Sandbox provider unavailable (attempt ${hold.attempts})`);
        case 'AUTHORIZE':
          return ledger.settle(orderId, { outcome: 'AUTHORIZED', authorizationId: ids.authorization() });
        case 'DECLINE':
          return ledger.settle(orderId, { outcome: 'DECLINED', reason: declineReasonFor(hold.token) });
      }
    },

    async capture({ orderId, authorizationId, amount }) {
      if (!(await ledger.heldUnder(orderId, authorizationId))) throw rejected(orderId, `no hold ${authorizationId}`);
      const hold = await ledger.count(orderId, 'captureAttempts');
      if (hold.status === 'CAPTURED' && hold.captureId) return { captureId: hold.captureId };
      if (hold.status !== 'AUTHORIZED') throw rejected(orderId, `the hold was ${hold.status?.toLowerCase()}`);
      if (amount.currency !== hold.amount.currency || amount.amount > hold.amount.amount) {
        throw rejected(orderId, `${amount.amount} ${amount.currency} is more than the hold`);
      }
      switch (sandboxCaptureAnswer(hold.token, hold.captureAttempts ?? 1)) {
        case 'UNAVAILABLE':
          throw new PaymentProviderUnavailableError(
            `Sandbox provider unavailable (capture attempt ${hold.captureAttempts})`,
          );
        case 'REJECT':
          throw rejected(orderId, 'the card issuer refused the capture');
        case 'CAPTURE': {
          const captureId = ids.capture();
          if (await ledger.move(orderId, 'AUTHORIZED', 'CAPTURED', { captureId })) return { captureId };
          const raced = await ledger.read(orderId);
          if (raced?.status === 'CAPTURED' && raced.captureId) return { captureId: raced.captureId };
          throw rejected(orderId, `the hold was ${raced?.status?.toLowerCase()}`);
        }
      }
    },

    async void({ orderId, authorizationId }) {
      const hold = await ledger.heldUnder(orderId, authorizationId);
      if (!hold) return { voided: false };
      if (sandboxReleaseFails(hold.token))
        throw new PaymentProviderUnavailableError('Sandbox provider cannot void this hold');
      if (hold.status === 'AUTHORIZED' && (await ledger.move(orderId, 'AUTHORIZED', 'VOIDED'))) return { voided: true };
      return { voided: (await ledger.read(orderId))?.status === 'VOIDED' };
    },

    async refund({ orderId, authorizationId }) {
      const hold = await ledger.heldUnder(orderId, authorizationId);
      if (!hold) return { refunded: false };
      if (sandboxReleaseFails(hold.token)) {
        throw new PaymentProviderUnavailableError('Sandbox provider cannot refund this card');
      }
      if (hold.status === 'CAPTURED' && (await ledger.move(orderId, 'CAPTURED', 'REFUNDED'))) return { refunded: true };
      return { refunded: (await ledger.read(orderId))?.status === 'REFUNDED' };
    },
  };
};
