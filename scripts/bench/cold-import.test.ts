import {
  builtClientsFloorEntryFor,
  coldImportSection,
  floorEntryFor,
  sdkImportsOf,
  type ColdImportRow,
} from './cold-import';

describe('the SDK floor of a handler', () => {
  it("takes the SDK values a source imports, not its types or other packages' names", () => {
    const source = `import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  GetCommand,
  PutCommand as Put,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { SFNClient } from '@aws-sdk/client-sfn';`;

    expect(sdkImportsOf(source)).toEqual([
      ['@aws-sdk/client-dynamodb', ['DynamoDBClient']],
      ['@aws-sdk/lib-dynamodb', ['GetCommand', 'PutCommand']],
      ['@aws-sdk/client-sfn', ['SFNClient']],
    ]);
  });

  it('exports every name, so the floor bundle keeps what the handler keeps', () => {
    const imports = new Map([
      ['@aws-sdk/lib-dynamodb', new Set(['PutCommand', 'GetCommand'])],
      ['@aws-sdk/client-dynamodb', new Set(['DynamoDBClient'])],
    ]);

    expect(floorEntryFor(imports)).toBe(
      "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';",
    );
  });

  it('builds one of each client the handler imports, the document client around its DynamoDB client', () => {
    const imports = new Map([
      ['@aws-sdk/client-dynamodb', new Set(['DynamoDBClient'])],
      ['@aws-sdk/client-sfn', new Set(['SFNClient', 'StartExecutionCommand'])],
      ['@aws-sdk/lib-dynamodb', new Set(['DynamoDBDocumentClient', 'GetCommand'])],
    ]);

    expect(builtClientsFloorEntryFor(imports).split('\n').at(-1)).toBe(
      'export const clients = [DynamoDBDocumentClient.from(new DynamoDBClient({})), new SFNClient({})];',
    );
  });
});

describe('the cold-import verdict', () => {
  const row = (overrides: Partial<ColdImportRow>): ColdImportRow => ({
    functionName: 'getOrder',
    handler: 'services/orders/functions/get-order/handler.handler',
    bytes: 350_000,
    importMs: 40,
    floor: { sdkImports: 'client-dynamodb + lib-dynamodb', bytes: 340_000, importMs: 35 },
    builtClientsFloorMs: 37,
    beyondFloor: [['packages/http', 2_800]],
    ...overrides,
  });

  it('is met when every bundle is within 400 KB and 1.25× its floor', () => {
    expect(coldImportSection([row({}), row({ functionName: 'getCatalog', importMs: 43.75 })]).met).toBe(true);
  });

  it('is missed by a bundle over 400 KB, or an import over 1.25× its floor, and names it', () => {
    const heavy = coldImportSection([row({}), row({ functionName: 'createOrder', bytes: 400_001 })]);
    const slow = coldImportSection([row({ functionName: 'listOrders', importMs: 43.8 })]);

    expect(heavy.met).toBe(false);
    expect(heavy.markdown).toContain('Missed: createOrder.');
    expect(slow.met).toBe(false);
    expect(slow.markdown).toContain('Missed: listOrders.');
  });
});
