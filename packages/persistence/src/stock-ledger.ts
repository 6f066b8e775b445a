import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OutOfStockError, type OrderItem, type StockLedger } from '@order-platform/domain';
import { whenConditionHolds } from './dynamodb';

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;
// The item has no `reservations` map yet, so a path into it cannot be written.
const isMissingReservationsMap = (error: unknown) =>
  error instanceof Error && error.name === 'ValidationException' && /document path/i.test(error.message);

/**
 * The stock ledger on the catalog items, changed only by conditional writes. An order's
 * reservation is recorded on the product item itself (`reservations.<orderId>`) in the same write that takes the
 * stock, because without transactions only a single-item write is atomic: that marker is what
 * makes reserving, releasing and committing idempotent, so a retried step never takes or gives
 * back stock twice. Markers live only while the order is in flight (commit or release removes
 * them), which keeps product items small.
 */
export const buildStockLedger = (documentClient: DynamoDBDocumentClient, tableName: string): StockLedger => {
  const names = (orderId: string) => ({ '#reservations': 'reservations', '#order': orderId });

  const takeStock = (orderId: string, { sku, quantity }: OrderItem) =>
    documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { sku },
        UpdateExpression: 'SET stock = stock - :quantity, #reservations.#order = :quantity',
        ConditionExpression:
          'attribute_exists(sku) AND stock >= :quantity AND attribute_not_exists(#reservations.#order)',
        ExpressionAttributeNames: names(orderId),
        ExpressionAttributeValues: { ':quantity': quantity },
      }),
    );

  const addReservationsMap = (sku: string) =>
    documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { sku },
        UpdateExpression: 'SET #reservations = if_not_exists(#reservations, :empty)',
        ConditionExpression: 'attribute_exists(sku)',
        ExpressionAttributeNames: { '#reservations': 'reservations' },
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );

  /** Why a reservation was refused: already held by this order (fine), or a shortage. */
  const shortageOf = async (orderId: string, { sku, quantity }: OrderItem) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { sku }, ConsistentRead: true }),
    );
    const reservations = (Item?.reservations ?? {}) as Record<string, number>;
    if (reservations[orderId] !== undefined) return undefined;
    return { sku, requested: quantity, available: Number(Item?.stock ?? 0) };
  };

  const reserveItem = async (orderId: string, item: OrderItem): Promise<void> => {
    try {
      await takeStock(orderId, item);
    } catch (error) {
      if (isMissingReservationsMap(error)) {
        // No item to add the map to means no such product: nothing in stock.
        if (!(await whenConditionHolds(addReservationsMap(item.sku)))) {
          throw new OutOfStockError([{ sku: item.sku, requested: item.quantity, available: 0 }]);
        }
        return reserveItem(orderId, item);
      }
      if (!isConditionFailure(error)) throw error;
      const shortage = await shortageOf(orderId, item);
      if (shortage) throw new OutOfStockError([shortage]);
    }
  };

  /** Runs a write guarded by `attribute_exists(#reservations.#order)`; absent marker = nothing to do. */
  const onReservation = async (orderId: string, sku: string, updateExpression: string): Promise<void> => {
    await whenConditionHolds(
      documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { sku },
          UpdateExpression: updateExpression,
          ConditionExpression: 'attribute_exists(#reservations.#order)',
          ExpressionAttributeNames: names(orderId),
        }),
      ),
    );
  };

  return {
    async reserve(orderId, items) {
      // One item at a time: a shortage stops the rest, and the workflow's compensation releases
      // whatever this order already holds.
      for (const item of items) await reserveItem(orderId, item);
    },
    async release(orderId, items) {
      for (const { sku } of items) {
        await onReservation(orderId, sku, 'SET stock = stock + #reservations.#order REMOVE #reservations.#order');
      }
    },
    async commit(orderId, items) {
      for (const { sku } of items) await onReservation(orderId, sku, 'REMOVE #reservations.#order');
    },
  };
};
