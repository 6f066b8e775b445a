import {
  CreateTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type TableLogicalId = 'OrdersTable' | 'CatalogTable';
export type TableNames = Readonly<Record<TableLogicalId, string>>;

type TableShape = Omit<CreateTableCommandInput, 'TableName'>;

/**
 * Key schemas, attributes and indexes of every table, read from tables.yml, the file that
 * serverless.yml deploys. Only the shape is taken: names and stage settings stay per caller.
 */
export const loadTableShapes = (): Record<TableLogicalId, TableShape> => {
  const template = parse(readFileSync(join(__dirname, '..', '..', 'tables.yml'), 'utf8')) as {
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
  return { OrdersTable: shapeOf('OrdersTable'), CatalogTable: shapeOf('CatalogTable') };
};

/** Creates each table that does not exist yet (a persisted local database keeps its tables). */
export const createTables = async (client: DynamoDBClient, names: TableNames): Promise<void> => {
  const shapes = loadTableShapes();
  for (const logicalId of Object.keys(shapes) as TableLogicalId[]) {
    const TableName = names[logicalId];
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
