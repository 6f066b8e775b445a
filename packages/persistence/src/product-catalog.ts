import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Product, ProductCatalog } from '@order-platform/domain';

const MAX_BATCH_GET = 100;
const MAX_BATCH_WRITE = 25;
const MAX_ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));

/**
 * Batch calls may hand back part of the batch under load: send what is left again, with backoff,
 * until nothing is left or the attempts run out.
 */
const untilAllProcessed = async <T>(
  batch: T[],
  send: (pending: T[]) => Promise<T[] | undefined>,
  failure: (left: number) => string,
): Promise<void> => {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt === MAX_ATTEMPTS) throw new Error(failure(pending.length));
    if (attempt > 0) await pause(attempt);
    pending = (await send(pending)) ?? [];
  }
};

/** A catalog item as the platform reads it: stock reservations (stock-ledger.ts) stay inside. */
const toProduct = (item: Record<string, unknown>): Product => {
  const { sku, name, unitPrices, stock } = item as unknown as Product;
  return { sku, name, unitPrices, stock };
};

export const buildProductCatalog = (documentClient: DynamoDBDocumentClient, tableName: string): ProductCatalog => ({
  async findBySkus(skus) {
    const found = new Map<string, Product>();
    for (let start = 0; start < skus.length; start += MAX_BATCH_GET) {
      await untilAllProcessed(
        skus.slice(start, start + MAX_BATCH_GET).map((sku): Record<string, unknown> => ({ sku })),
        async (keys) => {
          const response: BatchGetCommandOutput = await documentClient.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          for (const item of response.Responses?.[tableName] ?? []) found.set(String(item.sku), toProduct(item));
          return response.UnprocessedKeys?.[tableName]?.Keys;
        },
        (left) => `Catalog lookup left ${left} SKUs unprocessed`,
      );
    }
    return found;
  },

  async listAll() {
    // The catalog is small and read as a whole; orders, which grow, are never scanned.
    const products: Product[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: exclusiveStartKey }),
      );
      products.push(...(page.Items ?? []).map(toProduct));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return products.sort((a, b) => a.sku.localeCompare(b.sku));
  },
});

/** Loads products into the catalog table (seeding the local stack and tests). */
export const putProducts = async (
  documentClient: DynamoDBDocumentClient,
  tableName: string,
  products: readonly Product[],
): Promise<void> => {
  for (let start = 0; start < products.length; start += MAX_BATCH_WRITE) {
    await untilAllProcessed(
      products
        .slice(start, start + MAX_BATCH_WRITE)
        .map((product): BatchWriteRequests[number] => ({ PutRequest: { Item: { ...product } } })),
      async (requests) => {
        const response: BatchWriteCommandOutput = await documentClient.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        return response.UnprocessedItems?.[tableName] as BatchWriteRequests | undefined;
      },
      (left) => `Catalog seed left ${left} products unwritten`,
    );
  }
};

type BatchWriteRequests = { PutRequest: { Item: Record<string, unknown> } }[];
