import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEMO_CATALOG } from '@order-platform/domain/demo-catalog';
import {
  freePort,
  LOCAL_TABLES,
  loadServiceDefinition,
  startLocalServices,
  type LocalServices,
} from '@order-platform/local-cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@order-platform/local-dynamodb';
import { createDocumentClient, readStock } from '@order-platform/persistence';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';

// What a web page open in the developer's browser can do to the local stack, tried in Debian's
// Chromium: a page on another localhost origin (as a dev server on localhost:5173 would be) calling
// DynamoDB the way one read an order and set a product's stock to 999 before the guard; and a
// DNS-rebinding page, whose own name resolves to 127.0.0.1 (Chromium's --host-resolver-rules
// stands in for the rebinding DNS), so that every local service is same-origin to it.

const CHROMIUM = '/usr/bin/chromium';
const REBINDING_NAME = 'rebind.test';
const SKU = 'KB-001';
const seededStock = DEMO_CATALOG.find((product) => product.sku === SKU)?.stock;

let services: LocalServices;
let browser: Browser;
let page: Page;
let attackerSite: Server;
let attackerOrigin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}: apt-get install chromium`);
  services = await startLocalServices(
    { dynamoDbPort: 0, stepFunctionsPort: 0, snsPort: 0, consolePort: 0 },
    loadServiceDefinition('local'),
  );
  attackerSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>another local site</title>');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => attackerSite.listen(port, '127.0.0.1', resolve));
  attackerOrigin = `http://localhost:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--disable-quic', `--host-resolver-rules=MAP ${REBINDING_NAME} 127.0.0.1`],
  });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => attackerSite?.close(resolve));
  await services?.stop();
});

/** A DynamoDB call as the page sends it, signed as dynalite wants (it checks the form, not the signature). */
const dynamoDbCallFromPage = (url: string, operation: string, body: unknown) =>
  page.evaluate(
    async ({ url, operation, body }) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
            'x-amz-date': '20261202T000000Z',
            authorization:
              'AWS4-HMAC-SHA256 Credential=local/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        return { blocked: (error as Error).message };
      }
    },
    { url, operation, body },
  );

// One shard of the SKU's stock (packages/persistence/src/stock-shards.ts): the page aims at it.
const SHARD = { shardKey: { S: `${SKU}#0` } };
const getStock = { TableName: LOCAL_TABLES.StockTable, Key: SHARD };
const setStockTo999 = {
  TableName: LOCAL_TABLES.StockTable,
  Key: SHARD,
  UpdateExpression: 'SET stock = :stock',
  ExpressionAttributeValues: { ':stock': { N: '999' } },
};

const stockInTheTable = async () => {
  const client = new DynamoDBClient({
    endpoint: services.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const stock = await readStock(createDocumentClient(client), LOCAL_TABLES.StockTable, [SKU], { consistent: true });
    return stock.get(SKU)?.reduce((sum, units) => sum + units, 0);
  } finally {
    client.destroy();
  }
};

describe('a web page in the developer’s browser', () => {
  it('on another localhost origin can neither read DynamoDB nor change stock', async () => {
    await page.goto(attackerOrigin);

    expect(await dynamoDbCallFromPage(services.dynamoDbEndpoint, 'GetItem', getStock)).toEqual({
      blocked: 'Failed to fetch',
    });
    expect(await dynamoDbCallFromPage(services.dynamoDbEndpoint, 'UpdateItem', setStockTo999)).toEqual({
      blocked: 'Failed to fetch',
    });
    expect(await stockInTheTable()).toBe(seededStock);
  });

  it('that rebinds its own name to 127.0.0.1 reads nothing from Step Functions, the SNS stand-in or the console', async () => {
    const reads = [
      { endpoint: services.stepFunctions.endpoint, path: '/', target: 'AWSStepFunctions.ListStateMachines' },
      { endpoint: services.topicsServer.endpoint, path: '/messages' },
      { endpoint: services.console.endpoint, path: '/api/executions' },
    ];
    for (const { endpoint, path, target } of reads) {
      const rebound = `http://${REBINDING_NAME}:${new URL(endpoint).port}`;
      await page.goto(`${rebound}/`);
      // Same-origin for the page: without the Host check it would read the answer.
      const status = await page.evaluate(
        ({ path, target }) =>
          fetch(
            path,
            target
              ? {
                  method: 'POST',
                  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
                  body: '{}',
                }
              : undefined,
          ).then((response) => response.status),
        { path, target },
      );
      expect([endpoint, status]).toEqual([endpoint, 403]);
    }
  });

  it('that rebinds its own name to 127.0.0.1 gets 403 from DynamoDB, same-origin as it is, and changes nothing', async () => {
    const { port } = new URL(services.dynamoDbEndpoint);
    const rebound = `http://${REBINDING_NAME}:${port}`;
    await page.goto(`${rebound}/`);

    const read = await dynamoDbCallFromPage(`${rebound}/`, 'GetItem', getStock);
    const write = await dynamoDbCallFromPage(`${rebound}/`, 'UpdateItem', setStockTo999);

    for (const answer of [read, write]) {
      expect(answer).toEqual({ status: 403, body: expect.stringContaining(`Host \\"${REBINDING_NAME}:${port}\\"`) });
    }
    expect(await stockInTheTable()).toBe(seededStock);
  });

  it('that is the console’s own page still reads the console', async () => {
    await page.goto(services.console.endpoint);
    const status = await page.evaluate(() => fetch('/api/executions').then((response) => response.status));
    expect(status).toBe(200);
  });
});
