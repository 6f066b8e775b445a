import {
  beyondFloorOf,
  builtClientsFloorEntryFor,
  coldImportSection,
  floorEntryFor,
  floorSdkImportsOf,
  IMPORT_RUNS,
  packageOf,
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

  it('is named by the SDK packages it imports', () => {
    const imports = new Map([
      ['@aws-sdk/lib-dynamodb', new Set(['GetCommand'])],
      ['@aws-sdk/client-dynamodb', new Set(['DynamoDBClient'])],
      ['@smithy/smithy-client', new Set(['Client'])],
    ]);

    expect(floorSdkImportsOf(floorEntryFor(imports))).toBe('client-dynamodb + lib-dynamodb + @smithy/smithy-client');
    expect(floorSdkImportsOf(floorEntryFor(new Map()))).toBe('');
  });
});

describe('what a bundle carries beyond its floor', () => {
  it('names the package, or the workspace folder, an input belongs to', () => {
    expect(packageOf('node_modules/@aws-sdk/client-sfn/dist-cjs/index.js')).toBe('@aws-sdk/client-sfn');
    expect(packageOf('node_modules/zod/v4/mini/schemas.js')).toBe('zod');
    expect(packageOf('../node_modules/tslib/tslib.es6.mjs')).toBe('tslib');
    expect(packageOf('packages/http/src/respond.ts')).toBe('packages/http');
  });

  it("sums each package's bytes outside the floor, largest first, leaving out what the floor holds or esbuild dropped", () => {
    const inputs = {
      'node_modules/@aws-sdk/client-dynamodb/dist-es/index.js': { bytesInOutput: 90_000 },
      'node_modules/zod/v4/mini/schemas.js': { bytesInOutput: 3_000 },
      'node_modules/zod/v4/core/core.js': { bytesInOutput: 2_000 },
      'packages/http/src/respond.ts': { bytesInOutput: 800 },
      'packages/http/src/problems.ts': { bytesInOutput: 400 },
      'services/orders/functions/get-order/handler.ts': { bytesInOutput: 1_500 },
      'node_modules/tslib/tslib.es6.mjs': { bytesInOutput: 0 },
    };

    expect(beyondFloorOf(inputs, new Set(['node_modules/@aws-sdk/client-dynamodb/dist-es/index.js']))).toEqual([
      ['zod', 5_000],
      ['services/orders', 1_500],
      ['packages/http', 1_200],
    ]);
  });
});

describe('the cold-import verdict', () => {
  const row = (overrides: Partial<ColdImportRow>): ColdImportRow => ({
    functionName: 'getOrder',
    handler: 'services/orders/functions/get-order/handler.handler',
    bytes: 250_000,
    importMs: 40,
    floor: { sdkImports: 'client-dynamodb + lib-dynamodb', bytes: 240_000, importMs: 32 },
    builtClientsFloorMs: 35,
    beyondFloor: [['packages/http', 2_800]],
    ...overrides,
  });

  it('is met when every bundle is within 300 KB and 1.2× its floor with its clients built', () => {
    const section = coldImportSection([row({}), row({ functionName: 'getCatalog', importMs: 42, bytes: 300_000 })]);

    expect(section.met).toBe(true);
    expect(section.goal).toBe(
      'every Lambda bundle ≤ 300 KB and its cold import ≤ 1.2× its SDK floor with its clients built',
    );
    expect(section.markdown).toContain('Every handler is within both goals.');
    expect(section.markdown).toContain(`imported ${IMPORT_RUNS} times`);
    expect(section.markdown).not.toContain('Load:');
  });

  it('says, when missed, how much of each miss the code beyond its floor accounts for at the measured rate', () => {
    // 10 KB beyond a 35 ms floor for 5 ms (0.5 ms/KB); 30 KB beyond for 15 ms (0.5 ms/KB).
    const section = coldImportSection([
      row({ bytes: 250_000, importMs: 40 }),
      row({ functionName: 'listOrders', bytes: 270_000, importMs: 50 }),
      row({ functionName: 'getCatalog', bytes: 242_000, importMs: 36 }),
    ]);
    expect(section.met).toBe(false);
    expect(section.markdown).toContain(
      'a median of 0.50 ms per KB over the Lambdas that carry more than 5 KB beyond it',
    );
    expect(section.markdown).toContain('(20% of the median floor, 35.0 ms) is spent by ~14 KB of it.');
    expect(section.markdown).toContain(
      'listOrders 15.0 ms over its floor (allowance 7.0 ms), 15.0 ms of it for its 30 KB beyond the floor at that rate.',
    );
    expect(section.markdown).not.toContain('getOrder 5.0 ms over');
  });

  it('says nothing of a bound when every handler is within its goals', () => {
    expect(coldImportSection([row({})]).markdown).not.toContain('ms per KB');
  });

  it('says what load the machine was under when it is given', () => {
    expect(coldImportSection([row({})], [5.25, 7]).markdown).toContain(
      '1-minute load average 5.3 before and 7.0 after',
    );
  });

  it("shows each handler's figures beside its floors', and the three largest packages beyond them", () => {
    const section = coldImportSection([
      row({
        beyondFloor: [
          ['zod', 5_000],
          ['services/orders', 1_500],
          ['packages/http', 1_234],
          ['packages/domain', 1_000],
        ],
      }),
    ]);

    expect(section.markdown).toContain(
      '| getOrder | 250 KB | 40.0 ms | client-dynamodb + lib-dynamodb | 35.0 ms | 1.14× | met | 240 KB, 32.0 ms (1.25×) | zod 5.0, services/orders 1.5, packages/http 1.2 |',
    );
  });

  it('is missed by a bundle over 300 KB, or an import over 1.2× its built floor, and names it', () => {
    const heavy = coldImportSection([row({}), row({ functionName: 'createOrder', bytes: 300_001 })]);
    const slow = coldImportSection([row({ functionName: 'listOrders', importMs: 42.1 })]);

    expect(heavy.met).toBe(false);
    expect(heavy.markdown).toContain('| createOrder | 300 KB | 40.0 ms |');
    expect(heavy.markdown).toContain('| 1.14× | **missed** |');
    expect(heavy.markdown).toContain('Missed: createOrder.');
    expect(slow.met).toBe(false);
    expect(slow.markdown).toContain(
      '| listOrders | 250 KB | 42.1 ms | client-dynamodb + lib-dynamodb | 35.0 ms | 1.20× | **missed** |',
    );
    expect(slow.markdown).toContain('Missed: listOrders.');
  });

  it('names every handler that missed', () => {
    const section = coldImportSection([
      row({ functionName: 'createOrder', bytes: 500_000 }),
      row({}),
      row({ functionName: 'listOrders', importMs: 70 }),
    ]);

    expect(section.markdown).toContain('Missed: createOrder, listOrders.');
  });
});
