import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { readableCause, type Order, type OrderRepository, type StoredOrder } from '@order-platform/domain';
import { whenConditionHolds } from './conditional-write';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';

export const ORDERS_BY_CUSTOMER_INDEX = 'byCustomer';

type OrderItem = Order & { paymentToken: string; requestFingerprint: string };

const toStoredOrder = (item: Record<string, unknown>): StoredOrder => {
  const { paymentToken, requestFingerprint, ...order } = item as OrderItem;
  // The workflow records a failure's cause as Step Functions reports it; customers read its message.
  if (order.failure) order.failure = { ...order.failure, cause: readableCause(order.failure.cause) };
  return { order, paymentToken, requestFingerprint };
};

const toOrder = (item: Record<string, unknown>): Order => toStoredOrder(item).order;

export const buildOrderRepository = (documentClient: DynamoDBDocumentClient, tableName: string): OrderRepository => ({
  insert({ order, paymentToken, requestFingerprint }) {
    return whenConditionHolds(
      documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...order, paymentToken, requestFingerprint } satisfies OrderItem,
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      ),
    );
  },

  async get(orderId) {
    // Strongly consistent: a caller that lost the insert race must see the winner's order.
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
    );
    return Item === undefined ? undefined : toStoredOrder(Item);
  },

  withdrawPending(orderId) {
    return whenConditionHolds(
      documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { orderId },
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING' },
        }),
      ),
    );
  },

  async listByCustomer(customerId, { limit, cursor }) {
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: ORDERS_BY_CUSTOMER_INDEX,
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': customerId },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : decodeOrderCursor(cursor, customerId),
      }),
    );
    return {
      orders: Items.map(toOrder),
      ...(LastEvaluatedKey === undefined ? {} : { nextCursor: encodeOrderCursor(LastEvaluatedKey) }),
    };
  },
});
