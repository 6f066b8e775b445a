import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Product, ProductCatalog } from '@order-platform/domain';
import { untilAllProcessed } from './batches';
import { putStock, readStock } from './stock-counters';
import type { TableNames } from './tables';

const MAX_BATCH_GET = 100;
const MAX_BATCH_WRITE = 25;
export type CatalogTables = Pick<TableNames, 'CatalogTable' | 'StockTable'>;

type Listing = Omit<Product, 'stock'>;

/** A catalog item as the platform reads it; its units on hand live in the stock table. */
const toListing = (item: Record<string, unknown>): Listing => {
  const { sku, name, unitPrices } = item as unknown as Product;
  return { sku, name, unitPrices };
};

/** Products with their units on hand: the stock counters (stock-counters.ts), one BatchGet. */
const withStock = async (
  documentClient: DynamoDBDocumentClient,
  stockTable: string,
  listings: readonly Listing[],
): Promise<Product[]> => {
  const stock = await readStock(
    documentClient,
    stockTable,
    listings.map((listing) => listing.sku),
  );
  return listings.map((listing) => ({
    ...listing,
    stock: (stock.get(listing.sku) ?? []).reduce((sum, units) => sum + units, 0),
  }));
};

export const buildProductCatalog = (
  documentClient: DynamoDBDocumentClient,
  { CatalogTable: tableName, StockTable: stockTable }: CatalogTables,
): ProductCatalog => ({
  async findBySkus(skus) {
    const found = new Map<string, Listing>();
    for (let start = 0; start < skus.length; start += MAX_BATCH_GET) {
      await untilAllProcessed(
        skus.slice(start, start + MAX_BATCH_GET).map((sku): Record<string, unknown> => ({ sku })),
        async (keys) => {
          const response: BatchGetCommandOutput = await documentClient.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
          );
          for (const item of response.Responses?.[tableName] ?? []) found.set(String(item.sku), toListing(item));
          return response.UnprocessedKeys?.[tableName]?.Keys;
        },
        (left) => `Catalog lookup left ${left} SKUs unprocessed`,
      );
    }
    const products = await withStock(documentClient, stockTable, [...found.values()]);
    return new Map(products.map((product) => [product.sku, product]));
  },

  async listAll() {
    // The catalog is small and read as a whole; orders, which grow, are never scanned.
    const listings: Listing[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new ScanCommand({ TableName: tableName, ExclusiveStartKey: exclusiveStartKey }),
      );
      listings.push(...(page.Items ?? []).map(toListing));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    const products = await withStock(documentClient, stockTable, listings);
    return products.sort((a, b) => a.sku.localeCompare(b.sku));
  },
});

/** Loads products into the catalog and their units on hand into the stock table (seeding the local stack and tests). */
export const putProducts = async (
  documentClient: DynamoDBDocumentClient,
  { CatalogTable: tableName, StockTable: stockTable }: CatalogTables,
  products: readonly Product[],
): Promise<void> => {
  await putStock(documentClient, stockTable, products);
  for (let start = 0; start < products.length; start += MAX_BATCH_WRITE) {
    await untilAllProcessed(
      products
        .slice(start, start + MAX_BATCH_WRITE)
        .map((product): BatchWriteRequests[number] => ({ PutRequest: { Item: { ...toListing({ ...product }) } } })),
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
