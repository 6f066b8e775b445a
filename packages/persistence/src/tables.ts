import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const TABLE_LOGICAL_IDS = ['OrdersTable', 'CatalogTable', 'InvoicesTable', 'SandboxPaymentsTable'] as const;
export type TableLogicalId = (typeof TABLE_LOGICAL_IDS)[number];
export type TableNames = Readonly<Record<TableLogicalId, string>>;

/** Every table under one prefix, as serverless.yml names them per stage (`<prefix>-orders`, ...). */
export const tableNamesFor = (prefix: string): TableNames => ({
  OrdersTable: `${prefix}-orders`,
  CatalogTable: `${prefix}-catalog`,
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

/**
 * Creates each named table that does not exist yet (a persisted local database keeps its tables).
 * Pass only the tables a test needs.
 */
export const createTables = async (client: DynamoDBClient, names: Partial<TableNames>): Promise<void> => {
  const shapes = loadTableShapes();
  for (const [logicalId, TableName] of Object.entries(names) as [TableLogicalId, string][]) {
    const exists = await client.send(new DescribeTableCommand({ TableName })).then(
      () => true,
      (error: Error) => {
        if (error.name === 'ResourceNotFoundException') return false;
        throw error;
      },
    );
    if (!exists) await client.send(new CreateTableCommand({ ...shapes[logicalId], TableName }));
  }
};
