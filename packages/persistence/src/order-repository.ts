import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  CANCELLABLE_STATUSES,
  isTerminal,
  milestoneChange,
  ORDER_STATUSES,
  refusedMilestoneWrite,
  type Milestone,
  type Order,
  type OrderRepository,
  type StoredOrder,
} from '@order-platform/domain';
import { whenConditionHolds } from './dynamodb';
import { LIVE, LIVE_ATTRIBUTE, type LiveOrderAttributes } from './live-orders';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';

export const ORDERS_BY_CUSTOMER_INDEX = 'byCustomer';

/** The order's item in the table: the order, with what only the platform reads beside it. */
type OrderTableItem = Order & Omit<StoredOrder, 'order'> & LiveOrderAttributes;

const toStoredOrder = (item: Record<string, unknown>): StoredOrder => {
  const {
    paymentToken,
    requestFingerprint,
    compensation,
    live: _live,
    strandedAlertedAt,
    handedOverAt,
    ...order
  } = item as unknown as OrderTableItem;
  return {
    order,
    paymentToken,
    requestFingerprint,
    ...(compensation === undefined ? {} : { compensation }),
    ...(strandedAlertedAt === undefined ? {} : { strandedAlertedAt }),
    ...(handedOverAt === undefined ? {} : { handedOverAt }),
  };
};

const LIVE_STATUSES = ORDER_STATUSES.filter((status) => !isTerminal(status));

const toOrder = (item: Record<string, unknown>): Order => toStoredOrder(item).order;

const readOrder = async (documentClient: DynamoDBDocumentClient, tableName: string, orderId: string) => {
  // Strongly consistent: a caller that lost a race (to insert, to record a milestone) must see
  // the winner's write.
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
  );
  return Item === undefined ? undefined : toStoredOrder(Item);
};

/**
 * The milestone as one UpdateItem: the status, what the step found, a timeline entry and
 * updatedAt, applied only while the order is in a status the milestone may follow. A terminal
 * milestone also takes the order out of the index of live orders, in the same write.
 */
const milestoneUpdate = (tableName: string, orderId: string, milestone: Milestone, at: Date) => {
  const { from, to, fields, payment = {} } = milestoneChange(milestone);
  const timestamp = at.toISOString();
  const names = Object.keys(fields);
  const paymentNames = Object.keys(payment);
  const froms = from.map((_, index) => `:from${index}`);
  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId },
    UpdateExpression: `${[
      'SET #status = :to',
      ...names.map((name) => `#${name} = :${name}`),
      ...paymentNames.map((name) => `#payment.#payment_${name} = :payment_${name}`),
      'timeline = list_append(timeline, :timeline)',
      'updatedAt = :now',
    ].join(', ')}${isTerminal(to) ? ' REMOVE #live' : ''}`,
    ConditionExpression: `#status IN (${froms.join(', ')})`,
    ExpressionAttributeNames: {
      '#status': 'status',
      ...(isTerminal(to) ? { '#live': LIVE_ATTRIBUTE } : {}),
      ...(paymentNames.length === 0 ? {} : { '#payment': 'payment' }),
      ...Object.fromEntries(paymentNames.map((name) => [`#payment_${name}`, name])),
      ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
    },
    ExpressionAttributeValues: {
      ...Object.fromEntries(from.map((status, index) => [`:from${index}`, status])),
      ...Object.fromEntries(Object.entries(payment).map(([name, value]) => [`:payment_${name}`, value])),
      ':to': to,
      ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])),
      ':timeline': [{ status: to, at: timestamp }],
      ':now': timestamp,
    },
  });
};

export const buildOrderRepository = (documentClient: DynamoDBDocumentClient, tableName: string): OrderRepository => ({
  insert({ order, paymentToken, requestFingerprint }) {
    // A live order enters the index of live orders with the write that places it.
    const live: LiveOrderAttributes = isTerminal(order.status) ? {} : { [LIVE_ATTRIBUTE]: LIVE };
    return whenConditionHolds(
      documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...order, paymentToken, requestFingerprint, ...live } satisfies OrderTableItem,
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      ),
    );
  },

  get(orderId) {
    return readOrder(documentClient, tableName, orderId);
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

  async recordMilestone(orderId, milestone, at) {
    if (await whenConditionHolds(documentClient.send(milestoneUpdate(tableName, orderId, milestone, at)))) {
      return 'recorded';
    }
    // Refused: the order tells a retried step (its milestone is there) from a conflict.
    // ReturnValuesOnConditionCheckFailure would spare this read, but the local DynamoDB ignores it.
    return refusedMilestoneWrite(orderId, (await readOrder(documentClient, tableName, orderId))?.order, milestone);
  },

  recordCompensationStarted(orderId, { step, error }, at) {
    const live = LIVE_STATUSES.map((_, index) => `:live${index}`);
    return whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          // The first mark stays: a retried or re-driven step keeps the failure that began it.
          UpdateExpression: 'SET compensation = if_not_exists(compensation, :compensation)',
          ConditionExpression: `#status IN (${live.join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...Object.fromEntries(LIVE_STATUSES.map((status, index) => [`:live${index}`, status])),
            ':compensation': { step, error, at: at.toISOString() },
          },
        }),
      ),
    );
  },

  async requestCancellation(orderId, request) {
    const cancellable = CANCELLABLE_STATUSES.map((_, index) => `:cancellable${index}`);
    let written: Record<string, unknown> | undefined;
    const applied = await whenConditionHolds(
      documentClient
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: { orderId },
            UpdateExpression: 'SET cancellation = :cancellation, updatedAt = :now',
            // mayRequestCancellation, as DynamoDB evaluates it: the other side of beginHandover's
            // condition, so that of a cancellation and a hand-over to the carrier exactly one wins.
            ConditionExpression: [
              `#status IN (${cancellable.join(', ')})`,
              'attribute_not_exists(cancellation)',
              'attribute_not_exists(compensation)',
              'attribute_not_exists(handedOverAt)',
            ].join(' AND '),
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...Object.fromEntries(CANCELLABLE_STATUSES.map((status, index) => [`:cancellable${index}`, status])),
              ':cancellation': { requestedAt: request.requestedAt, requestedBy: request.requestedBy },
              ':now': request.requestedAt,
            },
            // The order as this write left it, for the API's answer, without a second read.
            ReturnValues: 'ALL_NEW',
          }),
        )
        .then(({ Attributes }) => {
          written = Attributes;
        }),
    );
    return applied && written ? toOrder(written) : undefined;
  },

  beginHandover(orderId, at) {
    return whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId },
          // A retried BookShipment keeps the first claim.
          UpdateExpression: 'SET handedOverAt = if_not_exists(handedOverAt, :at)',
          ConditionExpression: '#status = :procured AND attribute_not_exists(cancellation)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':procured': 'PROCURED', ':at': at.toISOString() },
        }),
      ),
    );
  },
});
