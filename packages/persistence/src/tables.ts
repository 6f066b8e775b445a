import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const TABLE_LOGICAL_IDS = [
  'OrdersTable',
  'CatalogTable',
  'StockTable',
  'StockHoldsTable',
  'InvoicesTable',
  'SandboxPaymentsTable',
] as const;
export type TableLogicalId = (typeof TABLE_LOGICAL_IDS)[number];
export type TableNames = Readonly<Record<TableLogicalId, string>>;

/** Every table under one prefix, as serverless.yml names them per stage (`<prefix>-orders`, ...). */
export const tableNamesFor = (prefix: string): TableNames => ({
  OrdersTable: `${prefix}-orders`,
  CatalogTable: `${prefix}-catalog`,
  StockTable: `${prefix}-stock`,
  StockHoldsTable: `${prefix}-stock-holds`,
  InvoicesTable: `${prefix}-invoices`,
  SandboxPaymentsTable: `${prefix}-sandbox-payments`,
});

type TableShape = Omit<CreateTableCommandInput, 'TableName'>;

/**
 * Key schemas, attributes and indexes of every table, read from tables.yml, the file that
 * serverless.yml deploys. Only the shape is taken: names and stage settings stay per caller.
 */
export const loadTableShapes = (): Record<TableLogicalId, TableShape> => {
  const template = parse(readFileSync(join(__dirname, '..', 'tables.yml'), 'utf8')) as {
    Resources: Record<string, { Properties: CreateTableCommandInput }>;
  };
  const shapeOf = (logicalId: TableLogicalId): TableShape => {
    const properties = template.Resources[logicalId]?.Properties;
    if (!properties) throw new Error(`tables.yml has no ${logicalId}`);
    return {
      AttributeDefinitions: properties.AttributeDefinitions,
      KeySchema: properties.KeySchema,
      BillingMode: properties.BillingMode,
      ...(properties.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes } : {}),
    };
  };
  return Object.fromEntries(TABLE_LOGICAL_IDS.map((logicalId) => [logicalId, shapeOf(logicalId)])) as Record<
    TableLogicalId,
    TableShape
  >;
};

const describeTable = (client: DynamoDBClient, TableName: string): Promise<TableDescription | undefined> =>
  client.send(new DescribeTableCommand({ TableName })).then(
    ({ Table }) => Table,
    (error: Error) => {
      if (error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    },
  );

const BATCH_WRITE_LIMIT = 25;

/** Every item of a table, page by page (a local table: this is a migration, not a query). */
const allItems = async (client: DynamoDBClient, TableName: string) => {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

const putAll = async (client: DynamoDBClient, TableName: string, items: readonly Record<string, AttributeValue>[]) => {
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let requests = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [TableName]: requests } }),
      );
      requests = (UnprocessedItems?.[TableName] ?? []) as typeof requests;
    }
  }
};

/**
 * A table kept from an earlier run (`npm start -- --persist`) that lacks an index tables.yml has
 * since gained is rebuilt with its items: the local DynamoDB (dynalite 4) answers UpdateTable's
 * GlobalSecondaryIndexUpdates without creating the index. On AWS, CloudFormation adds the index.
 */
const addMissingIndexes = async (
  client: DynamoDBClient,
  TableName: string,
  shape: TableShape,
  table: TableDescription,
) => {
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = (shape.GlobalSecondaryIndexes ?? []).filter((index) => !existing.has(index.IndexName));
  if (missing.length === 0) return [];
  const items = await allItems(client, TableName);
  const waiting = { client, minDelay: 1, maxDelay: 1, maxWaitTime: 60 };
  await client.send(new DeleteTableCommand({ TableName }));
  await waitUntilTableNotExists(waiting, { TableName });
  await client.send(new CreateTableCommand({ ...shape, TableName }));
  await waitUntilTableExists(waiting, { TableName });
  await putAll(client, TableName, items);
  return missing.map((index) => String(index.IndexName));
};

/**
 * Creates each named table that does not exist yet (a persisted local database keeps its tables),
 * and gives a kept table the indexes it lacks. Pass only the tables a test needs. Answers the
 * indexes it added to kept tables, by table.
 */
export const createTables = async (
  client: DynamoDBClient,
  names: Partial<TableNames>,
): Promise<Record<string, readonly string[]>> => {
  const shapes = loadTableShapes();
  const added: Record<string, readonly string[]> = {};
  for (const [logicalId, TableName] of Object.entries(names) as [TableLogicalId, string][]) {
    const table = await describeTable(client, TableName);
    if (!table) {
      await client.send(new CreateTableCommand({ ...shapes[logicalId], TableName }));
      continue;
    }
    const indexes = await addMissingIndexes(client, TableName, shapes[logicalId], table);
    if (indexes.length > 0) added[TableName] = indexes;
  }
  return added;
};
