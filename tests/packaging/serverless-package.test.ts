import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { actionsOf, dependencyGraph, findCycle, policyStatements, type Template } from '../support/cloudformation';
import { packageStage } from '../support/serverless';

// `sls package` for each deployable stage, offline and without credentials, then the checks
// CloudFormation would only make at deploy time.
const stages = ['dev', 'prod'] as const;
const packaged = new Map<string, { template: Template; directory: string }>();

beforeAll(async () => {
  // One at a time: serverless-esbuild builds in the repository's .esbuild directory.
  for (const stage of stages) packaged.set(stage, await packageStage(stage));
}, 180_000);

afterAll(() => {
  for (const { directory } of packaged.values()) rmSync(directory, { recursive: true, force: true });
});

const templateOf = (stage: string) => packaged.get(stage)?.template as Template;
const resourcesOfType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe.each(stages)('the packaged %s stack', (stage) => {
  it('routes the four API methods, all but the catalog behind the JWT authorizer', () => {
    const routes = Object.fromEntries(
      resourcesOfType(templateOf(stage), 'AWS::ApiGatewayV2::Route').map(([, route]) => [
        route.Properties?.RouteKey,
        route.Properties?.AuthorizationType ?? 'NONE',
      ]),
    );
    expect(routes).toEqual({
      'POST /orders': 'JWT',
      'GET /orders/{orderId}': 'JWT',
      'GET /orders': 'JWT',
      'GET /catalog': 'NONE',
    });
  });

  it('has a JWT authorizer that reads the bearer token', () => {
    const [[, authorizer] = []] = resourcesOfType(templateOf(stage), 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: expect.stringMatching(/^https:\/\//), Audience: ['order-platform'] },
    });
  });

  it('lets browsers send the API headers and read Location', () => {
    const api = templateOf(stage).Resources.HttpApi?.Properties;
    expect(api?.CorsConfiguration).toMatchObject({
      AllowHeaders: expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key']),
      ExposeHeaders: expect.arrayContaining(['Location']),
    });
  });

  it('stores orders on demand, keyed by id, with the byCustomer index for listing', () => {
    const orders = templateOf(stage).Resources.OrdersTable?.Properties;
    expect(orders).toMatchObject({
      TableName: `order-platform-${stage}-orders`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCustomer',
          KeySchema: [
            { AttributeName: 'customerId', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
        },
      ],
    });
    expect(templateOf(stage).Resources.CatalogTable?.Properties).toMatchObject({
      TableName: `order-platform-${stage}-catalog`,
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has no dependency cycle between resources', () => {
    expect(findCycle(dependencyGraph(templateOf(stage)))).toBeUndefined();
  });

  it('grants no wildcard action in any Allow statement', () => {
    const wildcards = policyStatements(templateOf(stage))
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ owner, statement }) =>
        actionsOf(statement)
          .filter((action) => action.includes('*'))
          .map((action) => `${owner}: ${action}`),
      );
    expect(wildcards).toEqual([]);
  });

  it('gives every function its own role and runs it on nodejs24.x', () => {
    const functions = resourcesOfType(templateOf(stage), 'AWS::Lambda::Function').map(([, fn]) => fn.Properties ?? {});
    expect(functions).toHaveLength(4);
    const roles = functions.map((fn) => JSON.stringify(fn.Role));
    expect(new Set(roles).size).toBe(functions.length);
    expect(functions.map((fn) => fn.Runtime)).toEqual(Array(4).fill('nodejs24.x'));
  });

  it('ships each function as one small bundle', () => {
    for (const name of ['createOrder', 'getOrder', 'listOrders', 'getCatalog']) {
      expect(statSync(join(packaged.get(stage)?.directory as string, `${name}.zip`)).size).toBeLessThan(1024 * 1024);
    }
  });

  it('starts workflows in a Standard state machine named for the stage', () => {
    const [[, machine] = []] = resourcesOfType(templateOf(stage), 'AWS::StepFunctions::StateMachine');
    expect(machine?.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      StateMachineName: `order-platform-${stage}-order-workflow`,
    });
  });
});

describe('stage differences', () => {
  const tableSettings = (stage: string) => {
    const table = templateOf(stage).Resources.OrdersTable;
    return {
      deletionPolicy: table?.DeletionPolicy,
      deletionProtection: table?.Properties?.DeletionProtectionEnabled,
      pointInTimeRecovery: (
        table?.Properties?.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled: boolean }
      ).PointInTimeRecoveryEnabled,
    };
  };

  it('protects prod data from deletion and keeps point-in-time recovery', () => {
    expect(tableSettings('prod')).toEqual({
      deletionPolicy: 'Retain',
      deletionProtection: true,
      pointInTimeRecovery: true,
    });
  });

  it('keeps dev disposable', () => {
    expect(tableSettings('dev')).toEqual({
      deletionPolicy: 'Delete',
      deletionProtection: false,
      pointInTimeRecovery: false,
    });
  });

  it('throttles each stage’s API to its own limits', () => {
    const limits = (stage: string) => templateOf(stage).Resources.HttpApiStage?.Properties?.DefaultRouteSettings;
    expect(limits('dev')).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(limits('prod')).toEqual({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 });
  });

  it('allows each stage its own shop origins', () => {
    const origins = (stage: string) =>
      (templateOf(stage).Resources.HttpApi?.Properties?.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins;
    expect(origins('prod')).toEqual(['https://shop.example.com']);
    expect(origins('dev')).toContain('https://dev.shop.example.com');
  });
});
