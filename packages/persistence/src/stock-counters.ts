import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { shardKeysOf, splitStock, STOCK_SHARDS } from './stock-shards';
import { untilAllProcessed } from './batches';

const MAX_BATCH_GET = 100;
const MAX_BATCH_WRITE = 25;

type Counter = { shardKey: string; sku: string; stock: number };

/**
 * The units on hand of each SKU, summed over its shards: one BatchGet of small, constant-size
 * items, so reading the stock costs the same however many orders hold it. Eventually consistent
 * unless asked: the shop's view may lag a write by a moment; the ledger asks for consistency.
 */
export const readStock = async (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  skus: readonly string[],
  { consistent = false }: { consistent?: boolean } = {},
): Promise<Map<string, number[]>> => {
  const stock = new Map<string, number[]>(skus.map((sku) => [sku, Array.from({ length: STOCK_SHARDS }, () => 0)]));
  const keys = skus.flatMap((sku) => shardKeysOf(sku).map((shardKey) => ({ shardKey })));
  for (let start = 0; start < keys.length; start += MAX_BATCH_GET) {
    await untilAllProcessed(
      keys.slice(start, start + MAX_BATCH_GET),
      async (pending) => {
        const response = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }),
        );
        for (const item of (response.Responses?.[tableName] ?? []) as Counter[]) {
          const shard = Number(item.shardKey.slice(item.shardKey.lastIndexOf('#') + 1));
          const shards = stock.get(item.sku);
          if (shards) shards[shard] = Number(item.stock);
        }
        return response.UnprocessedKeys?.[tableName]?.Keys as { shardKey: string }[] | undefined;
      },
      (left) => `Stock lookup left ${left} shards unread`,
    );
  }
  return stock;
};

/** One SKU's units on hand, per shard, read strongly consistent (the ledger's planning). */
export const readShardStock = async (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  sku: string,
  options: { consistent?: boolean } = {},
): Promise<number[]> => (await readStock(documentClient, tableName, [sku], options)).get(sku) ?? [];

/** Sets each SKU's units on hand, split across its shards (seeding the local stack and tests). */
export const putStock = async (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  stock: readonly { sku: string; stock: number }[],
): Promise<void> => {
  const items = stock.flatMap(({ sku, stock: units }) =>
    splitStock(units).map((shardUnits, shard) => ({
      shardKey: shardKeysOf(sku)[shard],
      sku,
      stock: shardUnits,
      applied: {},
    })),
  );
  for (let start = 0; start < items.length; start += MAX_BATCH_WRITE) {
    await untilAllProcessed(
      items.slice(start, start + MAX_BATCH_WRITE).map((Item) => ({ PutRequest: { Item } })),
      async (requests) => {
        const response = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        return response.UnprocessedItems?.[tableName] as typeof requests | undefined;
      },
      (left) => `Stock seed left ${left} shards unwritten`,
    );
  }
};
