import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PaymentProviderUnavailableError } from '@order-platform/domain';
import { whenConditionHolds } from '@order-platform/persistence';
import { randomUUID } from 'node:crypto';
import type { ChargeOutcome, ChargingPaymentProvider } from './ports';
import { declineReasonFor, sandboxChargeAnswer } from './sandbox-cards';

interface SandboxCharge {
  readonly idempotencyKey: string;
  readonly token: string;
  readonly attempts: number;
  readonly outcome?: 'APPROVED' | 'DECLINED';
  readonly chargeId?: string;
  readonly reason?: string;
  readonly status?: 'CAPTURED' | 'REFUNDED';
}

const outcomeOf = (charge: SandboxCharge): ChargeOutcome | undefined => {
  if (charge.outcome === 'APPROVED' && charge.chargeId) return { outcome: 'APPROVED', chargeId: charge.chargeId };
  if (charge.outcome === 'DECLINED') return { outcome: 'DECLINED', reason: charge.reason ?? 'Declined' };
  return undefined;
};

/**
 * The payment provider of every stage but prod: behaves by token (sandbox-cards.ts) and keeps, as
 * a real provider does on its side, a ledger of charges by idempotency key in DynamoDB. The ledger
 * counts attempts (tok_flaky fails the first two) and answers a repeated key with the first
 * outcome, so nothing is ever charged twice.
 */
export const buildSandboxPaymentProvider = (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  newChargeId: () => string = () => `ch_sandbox_${randomUUID().replaceAll('-', '')}`,
): ChargingPaymentProvider => {
  const read = async (idempotencyKey: string) =>
    (await documentClient.send(new GetCommand({ TableName: tableName, Key: { idempotencyKey }, ConsistentRead: true })))
      .Item as SandboxCharge | undefined;

  /** Settles the first outcome for this key; a concurrent request that settled first wins. */
  const settle = async (idempotencyKey: string, outcome: ChargeOutcome): Promise<ChargeOutcome> => {
    const applied = await whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { idempotencyKey },
          UpdateExpression:
            outcome.outcome === 'APPROVED'
              ? 'SET outcome = :outcome, chargeId = :chargeId, #status = :captured'
              : 'SET outcome = :outcome, reason = :reason',
          ConditionExpression: 'attribute_not_exists(outcome)',
          ...(outcome.outcome === 'APPROVED'
            ? {
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':outcome': 'APPROVED',
                  ':chargeId': outcome.chargeId,
                  ':captured': 'CAPTURED',
                },
              }
            : { ExpressionAttributeValues: { ':outcome': 'DECLINED', ':reason': outcome.reason } }),
        }),
      ),
    );
    if (applied) return outcome;
    const settled = await read(idempotencyKey);
    return (settled && outcomeOf(settled)) ?? outcome;
  };

  return {
    async charge({ idempotencyKey, token, amount }) {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { idempotencyKey },
          UpdateExpression:
            'ADD attempts :one SET #token = if_not_exists(#token, :token), amount = if_not_exists(amount, :amount)',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':one': 1, ':token': token, ':amount': amount },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const charge = Attributes as SandboxCharge;
      const settled = outcomeOf(charge);
      if (settled) return settled;
      switch (sandboxChargeAnswer(charge.token, charge.attempts)) {
        case 'UNAVAILABLE':
          throw new PaymentProviderUnavailableError(`Sandbox provider unavailable (attempt ${charge.attempts})`);
        case 'APPROVE':
          return settle(idempotencyKey, { outcome: 'APPROVED', chargeId: newChargeId() });
        case 'DECLINE':
          return settle(idempotencyKey, { outcome: 'DECLINED', reason: declineReasonFor(charge.token) });
      }
    },

    async refund({ idempotencyKey }) {
      const charge = await read(idempotencyKey);
      if (charge?.outcome !== 'APPROVED') return { refunded: false };
      if (charge.token === 'tok_refund_fails') {
        throw new PaymentProviderUnavailableError('Sandbox provider cannot refund this card');
      }
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { idempotencyKey },
          UpdateExpression: 'SET #status = :refunded',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':refunded': 'REFUNDED' },
        }),
      );
      return { refunded: true };
    },
  };
};
