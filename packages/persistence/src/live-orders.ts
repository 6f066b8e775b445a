import { QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTerminal, ORDER_STATUSES, type LiveOrderEntry, type LiveOrders } from '@order-platform/domain';
import { whenConditionHolds } from './dynamodb';

/**
 * The sparse index of live orders (tables.yml, `liveOrders`): an order carries `live` from the
 * insert until the write that records a terminal milestone removes it, so the index holds only
 * orders not yet DISPATCHED or FAILED. The key is one constant, sorted by `createdAt`.
 */
export const LIVE_ORDERS_INDEX = 'liveOrders';
export const LIVE_ATTRIBUTE = 'live';
export const LIVE = 'LIVE' as const;
/** When ops were alerted that this live order's execution had closed: set once, by the reconciler. */
export const STRANDED_ALERTED_AT_ATTRIBUTE = 'strandedAlertedAt';

/** What the items of the orders table carry besides the order, for the reconciler only. */
export interface LiveOrderAttributes {
  readonly [LIVE_ATTRIBUTE]?: typeof LIVE;
  readonly [STRANDED_ALERTED_AT_ATTRIBUTE]?: string;
}

export const buildLiveOrders = (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  { pageSize = 100 } = {},
): LiveOrders => ({
  async *placedBefore(before) {
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: LIVE_ORDERS_INDEX,
          KeyConditionExpression: '#live = :live AND createdAt < :before',
          ExpressionAttributeNames: { '#live': LIVE_ATTRIBUTE },
          ExpressionAttributeValues: { ':live': LIVE, ':before': before.toISOString() },
          Limit: pageSize,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      yield Items.map((item): LiveOrderEntry => ({ orderId: String(item.orderId), createdAt: String(item.createdAt) }));
      exclusiveStartKey = LastEvaluatedKey;
    } while (exclusiveStartKey);
  },

  noteAlerted(orderId, at) {
    // Only on an order still live and not noted yet: two runs at once alert once, and an order
    // that reached a terminal status meanwhile is not alerted at all.
    return whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          UpdateExpression: 'SET #alertedAt = :at',
          ConditionExpression: 'attribute_exists(#live) AND attribute_not_exists(#alertedAt)',
          ExpressionAttributeNames: { '#live': LIVE_ATTRIBUTE, '#alertedAt': STRANDED_ALERTED_AT_ATTRIBUTE },
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      ),
    );
  },

  async forgetAlerted(orderId, at) {
    await whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          UpdateExpression: 'REMOVE #alertedAt',
          ConditionExpression: '#alertedAt = :at',
          ExpressionAttributeNames: { '#alertedAt': STRANDED_ALERTED_AT_ATTRIBUTE },
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      ),
    );
  },
});

const TERMINAL_STATUSES = ORDER_STATUSES.filter(isTerminal);

/**
 * Puts into the index of live orders every order that is live but was placed before the index
 * existed (its item has no `live`): once, by hand, after the deploy that adds the index (and by
 * the local stack when it adds the index to a kept table). A Scan of the whole table, the one
 * place orders are scanned: a migration, not an access pattern. Answers how many it marked.
 */
export const markLiveOrders = async (documentClient: DynamoDBDocumentClient, tableName: string): Promise<number> => {
  const names = { '#live': LIVE_ATTRIBUTE, '#status': 'status' };
  const terminal = Object.fromEntries(TERMINAL_STATUSES.map((status, index) => [`:terminal${index}`, status]));
  const unmarkedAndLive = `attribute_not_exists(#live) AND NOT (#status IN (${Object.keys(terminal).join(', ')}))`;
  let marked = 0;
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: 'orderId',
        FilterExpression: unmarkedAndLive,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: terminal,
        ExclusiveStartKey: exclusiveStartKey,
      }),
    );
    for (const { orderId } of Items) {
      // Conditional again: the order may have reached a terminal status since the Scan read it.
      const applied = await whenConditionHolds(
        documentClient.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { orderId },
            UpdateExpression: 'SET #live = :live',
            ConditionExpression: `attribute_exists(orderId) AND ${unmarkedAndLive}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...terminal, ':live': LIVE },
          }),
        ),
      );
      if (applied) marked += 1;
    }
    exclusiveStartKey = LastEvaluatedKey;
  } while (exclusiveStartKey);
  return marked;
};
