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

export const buildProductCatalog = (documentClient: DynamoDBDocumentClient, tableName: string): ProductCatalog => ({
  async findBySkus(skus) {
    const found = new Map<string, Product>();
    for (let start = 0; start < skus.length; start += MAX_BATCH_GET) {
      let keys: Record<string, unknown>[] | undefined = skus
        .slice(start, start + MAX_BATCH_GET)
        .map((sku) => ({ sku }));
      // BatchGetItem may hand back part of the batch under load: ask again for what is left.
      for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
        if (attempt === MAX_ATTEMPTS) throw new Error(`Catalog lookup left ${keys.length} SKUs unprocessed`);
        if (attempt > 0) await pause(attempt);
        const response: BatchGetCommandOutput = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
        );
        for (const item of response.Responses?.[tableName] ?? []) found.set(String(item.sku), item as Product);
        keys = response.UnprocessedKeys?.[tableName]?.Keys;
      }
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
      products.push(...((page.Items ?? []) as Product[]));
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
    let requests: BatchWriteRequests | undefined = products
      .slice(start, start + MAX_BATCH_WRITE)
      .map((product) => ({ PutRequest: { Item: { ...product } } }));
    for (let attempt = 0; requests && requests.length > 0; attempt += 1) {
      if (attempt === MAX_ATTEMPTS) throw new Error(`Catalog seed left ${requests.length} products unwritten`);
      if (attempt > 0) await pause(attempt);
      const response: BatchWriteCommandOutput = await documentClient.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = response.UnprocessedItems?.[tableName] as BatchWriteRequests | undefined;
    }
  }
};

type BatchWriteRequests = { PutRequest: { Item: Record<string, unknown> } }[];
