import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  actionsOf,
  conditionHolds,
  dependencyGraph,
  findCycle,
  errorNamesIn,
  mixedIntrinsics,
  outputsNotResolvingToString,
  policyStatements,
  stateMachineDefinitions,
  topicConsumersNotAllowed,
  type Template,
} from '@order-platform/stack/template';
import { cfnLint } from '@order-platform/stack/cfn-lint';
import { packageStage, repoRoot, runPackage } from '../support/serverless';
import { bundledSourceOf, extractBundle, invokeBundle, startHeaderRecorder } from '../support/bundled-handler';
import { anHttpEvent } from '@order-platform/http/testing';
import { ROUTES } from '@order-platform/api/routes';
import { ORDER_EVENT_SOURCE, STEP_ERRORS } from '@order-platform/domain';
import { AWS_ERROR_NAMES, startLocalEventBridge } from '@order-platform/local-cloud';
import { anOrder } from '@order-platform/domain/testing';
import { startLocalDynamoDb, type LocalDynamoDb } from '@order-platform/local-dynamodb';
import { startLocalSecretsManager, type LocalSecretsManager } from '@order-platform/local-secrets-manager';
import { buildOrderRepository, createDocumentClient } from '@order-platform/persistence';
import { createTables } from '@order-platform/persistence/tables';
import { startStripeTestServer, type StripeTestServer } from '@order-platform/stripe-test-server';

// `sls package` for each deployable stage, offline and without credentials, then the checks
// CloudFormation would only make at deploy time.
const stages = ['dev', 'prod'] as const;
const packaged = new Map<string, { template: Template; directory: string }>();
/** cfn-lint's findings on each stage's template, started as soon as the stage is packaged. */
const linted = new Map<string, ReturnType<typeof cfnLint>>();
/** What `sls package` says for a stage whose JWT issuer was never given (it fails before building). */
let unsetIssuer: Promise<{ output: string | undefined; directory: string }>;

beforeAll(async () => {
  // The stages one at a time: serverless-esbuild and the framework both write in the repository's
  // .esbuild and .serverless folders, so two packagings at once break each other. What writes
  // nothing there runs beside them: each stage's cfn-lint while the next stage packages, and the
  // refused stage (it stops before anything is built) beside the last lint.
  for (const stage of stages) {
    const stack = await packageStage(stage);
    packaged.set(stage, stack);
    const lint = cfnLint(join(stack.directory, 'cloudformation-template-update-stack.json'), repoRoot);
    lint.catch(() => undefined); // its test reports a failure; unread until then, it is not unhandled
    linted.set(stage, lint);
  }
  const refusedIn = mkdtempSync(join(tmpdir(), 'sls-package-unset-issuer-'));
  unsetIssuer = runPackage('prod', refusedIn, []).then(
    () => ({ output: undefined, directory: refusedIn }),
    (error: { stdout?: string; stderr?: string }) => ({
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      directory: refusedIn,
    }),
  );
}, 180_000);

afterAll(() => {
  for (const { directory } of packaged.values()) rmSync(directory, { recursive: true, force: true });
});

const templateOf = (stage: string) => packaged.get(stage)?.template as Template;
const FUNCTIONS = [
  'createOrder',
  'getOrder',
  'listOrders',
  'getCatalog',
  'cancelOrder',
  'confirmPayment',
  'voidOrRefundPayment',
  'reserveStock',
  'releaseStock',
  'prepareInvoice',
  'voidInvoice',
  'bookShipment',
  'capturePayment',
  'markOrderFailed',
  'markOrderCancelled',
  'getOrderExecution',
  'listExecutions',
  'reconcileOrders',
];
const resourcesOfType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe.each(stages)('the packaged %s stack', (stage) => {
  it('deploys exactly the API’s table of routes: each to its function, behind the authorizer and scope it says', () => {
    const deployed = resourcesOfType(templateOf(stage), 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => ({
        route: route.Properties?.RouteKey,
        integration: JSON.stringify(route.Properties?.Target).match(/HttpApiIntegration(\w+)/)?.[1],
        authorization: route.Properties?.AuthorizationType ?? 'NONE',
        scopes: route.Properties?.AuthorizationScopes ?? [],
      }))
      .sort((a, b) => String(a.route).localeCompare(String(b.route)));
    const declared = ROUTES.map(({ method, path, functionName, access }) => ({
      route: `${method} ${path}`,
      integration: functionName.charAt(0).toUpperCase() + functionName.slice(1),
      authorization: access.kind === 'public' ? 'NONE' : 'JWT',
      scopes: access.kind === 'ops' ? [access.scope] : [],
    })).sort((a, b) => a.route.localeCompare(b.route));
    expect(deployed).toEqual(declared);
  });

  it('lets the ops Lambdas only read executions of this stage’s workflow', () => {
    const opsStatements = policyStatements(templateOf(stage)).filter(({ owner }) =>
      ['GetOrderExecutionRole', 'ListExecutionsRole'].includes(owner),
    );
    const stepFunctionsActions = opsStatements.flatMap(({ statement }) =>
      actionsOf(statement).filter((action) => action.startsWith('states:')),
    );
    expect(stepFunctionsActions.sort()).toEqual([
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:ListExecutions',
    ]);
    const historyResource = JSON.stringify(
      opsStatements.find(({ statement }) => actionsOf(statement).includes('states:GetExecutionHistory'))?.statement
        .Resource,
    );
    expect(historyResource).toContain(`:execution:order-platform-${stage}-order-workflow:*`);
  });

  it('has a JWT authorizer that reads the bearer token', () => {
    const [[, authorizer] = []] = resourcesOfType(templateOf(stage), 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: expect.stringMatching(/^https:\/\//), Audience: ['order-platform'] },
    });
  });

  it('logs every API request as one JSON line, with why API Gateway refused or failed it', () => {
    const template = templateOf(stage);
    const settings = template.Resources.HttpApiStage?.Properties?.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
      Format: string;
    };
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(template.Resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: `/aws/http-api/order-platform-${stage}`, RetentionInDays: expect.any(Number) },
    });
    const line = JSON.parse(settings.Format) as Record<string, string>;
    expect(line).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      authorizerError: '$context.authorizer.error',
      integrationError: '$context.integrationErrorMessage',
    });
  });

  it('lets browsers send the API headers and read Location', () => {
    const api = templateOf(stage).Resources.HttpApi?.Properties;
    expect(api?.CorsConfiguration).toMatchObject({
      AllowHeaders: expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key']),
      ExposeHeaders: expect.arrayContaining(['Location']),
    });
  });

  it('stores orders on demand, keyed by id, with the byCustomer index for listing and the sparse liveOrders index', () => {
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
        {
          IndexName: 'liveOrders',
          KeySchema: [
            { AttributeName: 'live', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
    expect(templateOf(stage).Resources.CatalogTable?.Properties).toMatchObject({
      TableName: `order-platform-${stage}-catalog`,
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(templateOf(stage).Resources.StockTable?.Properties).toMatchObject({
      TableName: `order-platform-${stage}-stock`,
      KeySchema: [{ AttributeName: 'shardKey', KeyType: 'HASH' }],
    });
    expect(templateOf(stage).Resources.StockHoldsTable?.Properties).toMatchObject({
      TableName: `order-platform-${stage}-stock-holds`,
      KeySchema: [
        { AttributeName: 'orderId', KeyType: 'HASH' },
        { AttributeName: 'sku', KeyType: 'RANGE' },
      ],
    });
  });

  it('passes cfn-lint: no error, and no warning but those .cfnlintrc ignores with its reason', async () => {
    const findings = await (linted.get(stage) as ReturnType<typeof cfnLint>);
    expect(findings.map(({ Rule, Location, Message }) => `${Rule.Id} ${Location.Path.join('.')}: ${Message}`)).toEqual(
      [],
    );
  }, 60_000);

  it('holds every intrinsic as the only key of its object, as CloudFormation requires', () => {
    expect(mixedIntrinsics(templateOf(stage))).toEqual([]);
  });

  it('gives every output a value that resolves to a string', () => {
    expect(Object.keys(templateOf(stage).Outputs ?? {})).toEqual(
      expect.arrayContaining(['HttpApiUrl', 'AlertTopicArn']),
    );
    expect(outputsNotResolvingToString(templateOf(stage))).toEqual([]);
  });

  it('matches in Retry and Catch only errors that can happen: AWS’s own, by their documented names, or a step’s', () => {
    const known = new Set<string>([...AWS_ERROR_NAMES, ...STEP_ERRORS]);
    const named = Object.values(stateMachineDefinitions(templateOf(stage))).flatMap(errorNamesIn);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter(({ name }) => !known.has(name))).toEqual([]);
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
    expect(functions).toHaveLength(FUNCTIONS.length);
    const roles = functions.map((fn) => JSON.stringify(fn.Role));
    expect(new Set(roles).size).toBe(functions.length);
    expect(functions.map((fn) => fn.Runtime)).toEqual(Array(FUNCTIONS.length).fill('nodejs24.x'));
  });

  it('lets Lambda assume every function’s role, and each function write its own log group and no other', () => {
    const template = templateOf(stage);
    const logWrites = policyStatements(template).filter(({ statement }) =>
      actionsOf(statement).includes('logs:PutLogEvents'),
    );
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(template.Resources[roleId]?.Properties?.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      const logGroup = id.replace(/LambdaFunction$/, 'LogGroup');
      expect(template.Resources[logGroup]?.Type).toBe('AWS::Logs::LogGroup');
      expect(logWrites.filter(({ owner }) => owner === roleId).map(({ statement }) => statement.Resource)).toEqual([
        { 'Fn::GetAtt': [logGroup, 'Arn'] },
      ]);
    }
  });

  it('ships each function as one small bundle', () => {
    for (const name of FUNCTIONS) {
      expect(statSync(join(packaged.get(stage)?.directory as string, `${name}.zip`)).size).toBeLessThan(1024 * 1024);
    }
  });

  it("ships no function with the SDK's default credential chain (SSO, STS, ~/.aws, metadata)", () => {
    const directory = packaged.get(stage)?.directory as string;
    const zips = readdirSync(directory).filter((file) => file.endsWith('.zip'));

    expect(zips.length).toBeGreaterThanOrEqual(FUNCTIONS.length);
    for (const zip of zips) {
      expect({
        zip,
        chain: bundledSourceOf(join(directory, zip)).includes('Could not load credentials from any providers'),
      }).toEqual({ zip, chain: false });
    }
  });

  describe('a bundled handler, as Lambda runs it', () => {
    const lambdaCredentials = {
      AWS_ACCESS_KEY_ID: 'ASIAEXECUTIONROLE01',
      AWS_SECRET_ACCESS_KEY: 'execution-role-secret',
      AWS_SESSION_TOKEN: 'execution-role-session-token',
    };
    const getOrder = { pathParameters: { orderId: 'order-1' }, routeKey: 'GET /orders/{orderId}' };
    let bundle: string;
    let home: string;

    beforeAll(() => {
      bundle = extractBundle(
        join(packaged.get(stage)?.directory as string, 'getOrder.zip'),
        'services/orders/functions/get-order/handler.js',
      );
      // A developer's own credentials in ~/.aws: the default chain would sign with them.
      home = join(mkdtempSync(join(tmpdir(), 'bundled-handler-')), 'home');
      mkdirSync(join(home, '.aws'), { recursive: true });
      writeFileSync(
        join(home, '.aws', 'credentials'),
        '[default]\naws_access_key_id = AKIADEVELOPERLAPTOP\naws_secret_access_key = laptop\n',
      );
    });

    const run = async (credentials: Record<string, string>) => {
      const dynamodb = await startHeaderRecorder();
      try {
        const invoked = invokeBundle(bundle, anHttpEvent({ customerId: 'customer-1', ...getOrder }), {
          ...credentials,
          HOME: home,
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
          AWS_MAX_ATTEMPTS: '1',
          ORDERS_TABLE: 'orders',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        }).then(
          (answer) => ({ answer }),
          (error: { stderr?: string; stdout?: string }) => ({ failure: `${error.stderr ?? ''}${error.stdout ?? ''}` }),
        );
        return { ...(await invoked), headers: dynamodb.headers };
      } finally {
        await dynamodb.stop();
      }
    };

    it('signs its requests with the execution role credentials Lambda puts in the environment', async () => {
      const { headers, ...outcome } = await run(lambdaCredentials);

      expect(outcome).toEqual({ answer: expect.objectContaining({ statusCode: 404 }) });
      expect(headers).toHaveLength(1);
      expect(headers[0]?.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=ASIAEXECUTIONROLE01\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=.*x-amz-security-token.*, Signature=[0-9a-f]{64}$/,
      );
      expect(headers[0]?.['x-amz-security-token']).toBe('execution-role-session-token');
    }, 30_000);

    it('looks nowhere but the environment: without its variables it sends nothing, whatever ~/.aws holds', async () => {
      const { headers, ...outcome } = await run({});

      expect(headers).toHaveLength(0);
      expect(JSON.stringify(outcome)).toContain('statusCode":500');
    }, 30_000);
  });

  it('lets only the create-order Lambda, the cancel route, the steps that record milestones or mark a compensation, and the workflow itself write orders', () => {
    const writers = policyStatements(templateOf(stage))
      .filter(({ statement }) => statement.Effect === 'Allow')
      .filter(({ statement }) => /orders/i.test(JSON.stringify(statement.Resource ?? '')))
      .filter(({ statement }) =>
        actionsOf(statement).some((action) => /^dynamodb:(Put|Update|Delete)Item$/.test(action)),
      )
      .map(({ owner }) => owner);
    expect(writers.sort()).toEqual([
      'BookShipmentRole',
      'CancelOrderRole',
      'CapturePaymentRole',
      'ConfirmPaymentRole',
      'CreateOrderRole',
      'MarkOrderCancelledRole',
      'MarkOrderFailedRole',
      'ReconcileOrdersRole',
      'ReleaseStockRole',
    ]);
  });

  it('lets the steps that record milestones read and update only the orders table', () => {
    const ordersGrants = (role: string) =>
      policyStatements(templateOf(stage))
        .filter(({ owner, statement }) => owner === role && statement.Effect === 'Allow')
        .filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
        .map(({ statement }) => ({ actions: actionsOf(statement).sort(), resource: statement.Resource }));
    const ordersTable = { 'Fn::GetAtt': ['OrdersTable', 'Arn'] };

    expect(ordersGrants('ConfirmPaymentRole')).toEqual(
      expect.arrayContaining([{ actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resource: ordersTable }]),
    );
    expect(ordersGrants('BookShipmentRole')).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resource: ordersTable },
    ]);
    // The capture commits the stock holds of the order it records dispatched (the holds alone: no
    // stock counter), and asks the sandbox ledger where the stage has one.
    expect(ordersGrants('CapturePaymentRole')).toEqual(
      expect.arrayContaining([
        { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resource: ordersTable },
        { actions: ['dynamodb:UpdateItem'], resource: { 'Fn::GetAtt': ['StockHoldsTable', 'Arn'] } },
      ]),
    );
    expect(JSON.stringify(ordersGrants('CapturePaymentRole'))).not.toMatch(/"(StockTable|CatalogTable)"/);
  });

  it('lets only the stock steps write the stock counters and holds, and the catalog readers only read them', () => {
    const grantsOn = (table: string) =>
      policyStatements(templateOf(stage))
        .filter(({ statement }) => statement.Effect === 'Allow')
        .filter(({ statement }) => JSON.stringify(statement.Resource).includes(`"${table}"`))
        .flatMap(({ owner, statement }) => actionsOf(statement).map((action) => `${owner} ${action}`))
        .sort();

    expect(grantsOn('StockTable')).toEqual([
      'CreateOrderRole dynamodb:BatchGetItem',
      'GetCatalogRole dynamodb:BatchGetItem',
      'ReleaseStockRole dynamodb:GetItem',
      'ReleaseStockRole dynamodb:UpdateItem',
      'ReserveStockRole dynamodb:BatchGetItem',
      'ReserveStockRole dynamodb:GetItem',
      'ReserveStockRole dynamodb:UpdateItem',
    ]);
    expect(grantsOn('StockHoldsTable')).toEqual([
      'CapturePaymentRole dynamodb:UpdateItem',
      'ReleaseStockRole dynamodb:GetItem',
      'ReleaseStockRole dynamodb:PutItem',
      'ReleaseStockRole dynamodb:UpdateItem',
      'ReserveStockRole dynamodb:GetItem',
      'ReserveStockRole dynamodb:PutItem',
      'ReserveStockRole dynamodb:UpdateItem',
    ]);
    expect(grantsOn('CatalogTable')).toEqual(['CreateOrderRole dynamodb:BatchGetItem', 'GetCatalogRole dynamodb:Scan']);
  });

  it('has a bus of order events for the stage, archived for replay', () => {
    const { OrderEventBus, OrderEventArchive, OrderEventLog, OrderEventLogRule, OrderEventLogPolicy } =
      templateOf(stage).Resources;

    expect(OrderEventBus).toMatchObject({
      Type: 'AWS::Events::EventBus',
      Properties: { Name: `order-platform-${stage}-orders` },
    });
    expect(OrderEventArchive).toMatchObject({
      Type: 'AWS::Events::Archive',
      Properties: {
        SourceArn: { 'Fn::GetAtt': ['OrderEventBus', 'Arn'] },
        RetentionDays: stage === 'prod' ? 90 : 30,
      },
    });
    // EventBridge has no API that reads a bus: every order event also goes to a log group ops can read.
    expect(OrderEventLog).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/aws/events/order-platform-${stage}-orders`,
        RetentionInDays: stage === 'prod' ? 30 : 14,
      },
    });
    expect(OrderEventLogRule).toMatchObject({
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'OrderEventBus' },
        EventPattern: { source: [ORDER_EVENT_SOURCE] },
        State: 'ENABLED',
        Targets: [{ Arn: { 'Fn::GetAtt': ['OrderEventLog', 'Arn'] } }],
      },
    });
    // Without the log group's resource policy, EventBridge's deliveries fail (FailedInvocations).
    const policy = OrderEventLogPolicy as { Type: string; Properties: { PolicyDocument: { 'Fn::Sub': string } } };
    expect(policy.Type).toBe('AWS::Logs::ResourcePolicy');
    expect(JSON.parse(policy.Properties.PolicyDocument['Fn::Sub'])).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OrderEventsToLog',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: '${OrderEventLog.Arn}',
        },
      ],
    });
  });

  it('lets exactly the steps that announce order events put them, on the stage’s order bus only', () => {
    const grants = policyStatements(templateOf(stage))
      .filter(({ statement }) => statement.Effect === 'Allow')
      .filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('events:')))
      .map(({ owner, statement }) => ({ owner, actions: actionsOf(statement), resource: statement.Resource }));
    const onTheBus = { actions: ['events:PutEvents'], resource: { 'Fn::GetAtt': ['OrderEventBus', 'Arn'] } };

    expect(grants.sort((a, b) => a.owner.localeCompare(b.owner))).toEqual(
      ['CapturePaymentRole', 'ConfirmPaymentRole', 'MarkOrderCancelledRole', 'MarkOrderFailedRole'].map((owner) => ({
        owner,
        ...onTheBus,
      })),
    );
    for (const name of ['confirmPayment', 'capturePayment', 'markOrderFailed', 'markOrderCancelled']) {
      expect(templateOf(stage).Resources[`${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`]).toMatchObject({
        Properties: { Environment: { Variables: { ORDER_EVENTS_BUS: `order-platform-${stage}-orders` } } },
      });
    }
  });

  it("lets the workflow's role invoke only the step functions and publish only alerts, and write no table itself", () => {
    const statements = policyStatements(templateOf(stage)).filter(({ owner }) => owner === 'OrderWorkflowRole');
    const resourcesFor = (action: string) =>
      statements
        .filter(({ statement }) => actionsOf(statement).includes(action))
        .flatMap(({ statement }) => [statement.Resource].flat());
    const invoked = new Set(
      resourcesFor('lambda:InvokeFunction').map(
        (resource) => JSON.stringify(resource).match(/"(\w+)LambdaFunction"/)?.[1],
      ),
    );
    expect([...invoked].sort()).toEqual([
      'BookShipment',
      'CapturePayment',
      'ConfirmPayment',
      'MarkOrderCancelled',
      'MarkOrderFailed',
      'PrepareInvoice',
      'ReleaseStock',
      'ReserveStock',
      'VoidInvoice',
      'VoidOrRefundPayment',
    ]);
    expect(
      statements.flatMap(({ statement }) => actionsOf(statement)).filter((a) => a.startsWith('dynamodb:')),
    ).toEqual([]);
    expect(resourcesFor('sns:Publish')).toEqual([{ Ref: 'AlertTopic' }]);
  });

  it('alerts one topic from the workflow, its alarms and its FAILED / TIMED_OUT / ABORTED notifications', () => {
    const template = templateOf(stage);
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties ?? {})
      .filter((alarm) => alarm.Namespace === 'AWS/States');
    expect(alarms.map((alarm) => alarm.MetricName).sort()).toEqual([
      'ExecutionThrottled',
      'ExecutionsAborted',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
    ]);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: 'AlertTopic' }]);
    // The workflow's own status changes (the order-event log's rule is on the order bus, not about them).
    const notified = resourcesOfType(template, 'AWS::Events::Rule')
      .filter(([, rule]) =>
        (rule.Properties?.EventPattern as { source?: string[] } | undefined)?.source?.includes('aws.states'),
      )
      .map(([, rule]) => ({
        statuses: (rule.Properties?.EventPattern as { detail: { status: string[] } }).detail.status,
        targets: (rule.Properties?.Targets as { Arn: unknown }[]).map((target) => target.Arn),
      }));
    expect(notified.flatMap((rule) => rule.statuses).sort()).toEqual(['ABORTED', 'FAILED', 'TIMED_OUT']);
    for (const rule of notified) expect(rule.targets).toEqual([{ Ref: 'AlertTopic' }]);
    // A second TopicPolicy on the topic would silently replace the first (EventBridge's grant).
    const policies = resourcesOfType(template, 'AWS::SNS::TopicPolicy').flatMap(
      ([, policy]) => policy.Properties?.Topics,
    );
    expect(policies).toEqual([{ Ref: 'AlertTopic' }]);
  });

  it('lets every alarm, rule and subscription that names a topic in through that topic’s one policy', () => {
    const template = templateOf(stage);
    expect(resourcesOfType(template, 'AWS::CloudWatch::Alarm').length).toBeGreaterThan(30);
    expect(topicConsumersNotAllowed(template)).toEqual([]);
  });

  it('draws orders accepted, the reconciler, the workflow, the API and every function on the stage dashboard', () => {
    const template = templateOf(stage);
    const dashboards = resourcesOfType(template, 'AWS::CloudWatch::Dashboard').map(([, resource]) => resource);
    expect(dashboards.map((dashboard) => dashboard.Properties?.DashboardName)).toEqual([`order-platform-${stage}`]);
    const body = (dashboards[0]?.Properties?.DashboardBody as { 'Fn::Sub': string })['Fn::Sub'];
    const metrics = (
      JSON.parse(body) as { widgets: { properties: { metrics: (string | object)[][] } }[] }
    ).widgets.flatMap((widget) => widget.properties.metrics.map((line) => line.slice(0, 4).join(' ')));
    expect(metrics).toEqual(
      expect.arrayContaining([
        `OrderPlatform OrdersAccepted stage ${stage}`,
        ...['LiveOrdersExamined', 'MissingExecutionsStarted', 'StrandedOrdersAlerted'].map(
          (name) => `OrderPlatform ${name} stage ${stage}`,
        ),
        ...['ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map(
          (name) => `AWS/States ${name} StateMachineArn \${OrderWorkflow}`,
        ),
        ...['4xx', '5xx', 'Latency'].map((name) => `AWS/ApiGateway ${name} ApiId \${HttpApi}`),
      ]),
    );
    const functionIds = resourcesOfType(template, 'AWS::Lambda::Function').map(([id]) => id);
    for (const id of functionIds) {
      expect(metrics).toContain(`AWS/Lambda Errors FunctionName \${${id}}`);
      expect(metrics).toContain(`AWS/Lambda Duration FunctionName \${${id}}`);
    }
  });

  it('alarms the alert topic on API 5xx and p99 latency, and on errors of every function', () => {
    const template = templateOf(stage);
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const watched = (namespace: string, metric: string) =>
      alarms
        .filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric)
        .map((alarm) => (alarm.Dimensions as { Value: unknown }[])[0]?.Value);
    expect(watched('AWS/ApiGateway', '5xx')).toEqual([{ Ref: 'HttpApi' }]);
    expect(watched('AWS/ApiGateway', 'Latency')).toEqual([{ Ref: 'HttpApi' }]);
    const functionRefs = resourcesOfType(template, 'AWS::Lambda::Function').map(([id]) => ({ Ref: id }));
    expect(functionRefs).toHaveLength(FUNCTIONS.length);
    expect(watched('AWS/Lambda', 'Errors')).toEqual(functionRefs);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: 'AlertTopic' }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  it('traces every function actively, lets its own role write to X-Ray, and logs it as JSON', () => {
    const template = templateOf(stage);
    const tracingWriters = new Set(
      policyStatements(template)
        .filter(({ statement }) => statement.Effect === 'Allow')
        .filter(({ statement }) =>
          ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].every((action) =>
            actionsOf(statement).includes(action),
          ),
        )
        .map(({ owner }) => owner),
    );
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      expect({ id, tracing: fn.Properties?.TracingConfig }).toEqual({ id, tracing: { Mode: 'Active' } });
      expect(fn.Properties?.LoggingConfig).toEqual({ LogFormat: 'JSON' });
      const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(tracingWriters).toContain(roleId);
    }
  });

  it('traces the workflow with X-Ray and logs it to its own log group', () => {
    const machine = templateOf(stage).Resources.OrderWorkflow?.Properties;
    expect(machine?.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine?.LoggingConfiguration).toMatchObject({
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': ['OrderWorkflowLogGroup', 'Arn'] } } }],
    });
  });

  it('runs orders through the live alias, moved to each new version by the stage’s rollout, rolled back by the workflow’s failure alarms', () => {
    const template = templateOf(stage);
    const [[versionId, version] = []] = resourcesOfType(template, 'AWS::StepFunctions::StateMachineVersion');
    expect(version?.Properties).toMatchObject({
      StateMachineArn: { Ref: 'OrderWorkflow' },
      // A changed definition changes the revision, which publishes a new version.
      StateMachineRevisionId: { 'Fn::GetAtt': ['OrderWorkflow', 'StateMachineRevisionId'] },
    });
    const aliases = resourcesOfType(template, 'AWS::StepFunctions::StateMachineAlias');
    expect(aliases.map(([id]) => id)).toEqual(['OrderWorkflowAlias']);
    const alias = aliases[0]?.[1].Properties as {
      Name: string;
      DeploymentPreference: { StateMachineVersionArn: unknown; Alarms: { Ref: string }[] };
    };
    expect(alias.Name).toBe('live');
    expect(alias.DeploymentPreference.StateMachineVersionArn).toEqual({ Ref: versionId });
    // Alarm names (a Ref), each watching this state machine's failures.
    const watched = alias.DeploymentPreference.Alarms.map(({ Ref }) => {
      const alarm = template.Resources[Ref];
      expect(alarm?.Type).toBe('AWS::CloudWatch::Alarm');
      return [alarm?.Properties?.Namespace, alarm?.Properties?.MetricName, alarm?.Properties?.Dimensions];
    });
    const onTheWorkflow = [{ Name: 'StateMachineArn', Value: { Ref: 'OrderWorkflow' } }];
    expect(watched).toEqual(
      ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map((metric) => [
        'AWS/States',
        metric,
        onTheWorkflow,
      ]),
    );
    expect(template.Outputs?.OrderWorkflowAliasArn).toMatchObject({ Value: { Ref: 'OrderWorkflowAlias' } });
  });

  it('lets createOrder start executions through the live alias only, and the ops Lambdas read every execution', () => {
    const template = templateOf(stage);
    const environmentOf = (id: string) =>
      (template.Resources[id]?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(environmentOf('CreateOrderLambdaFunction').ORDER_WORKFLOW_ALIAS_ARN).toEqual({ Ref: 'OrderWorkflowAlias' });
    expect(environmentOf('ListExecutionsLambdaFunction').ORDER_WORKFLOW_ARN).toEqual({ Ref: 'OrderWorkflow' });
    expect(environmentOf('GetOrderExecutionLambdaFunction').ORDER_WORKFLOW_ARN).toEqual({ Ref: 'OrderWorkflow' });
    const starts = policyStatements(template).filter(({ statement }) =>
      actionsOf(statement).includes('states:StartExecution'),
    );
    // Step Functions authorizes an alias's executions against the state machine's own ARN.
    expect(starts).toEqual(
      ['CreateOrderRole', 'ReconcileOrdersRole'].map((owner) => ({
        owner,
        statement: {
          Effect: 'Allow',
          Action: 'states:StartExecution',
          Resource: { Ref: 'OrderWorkflow' },
          Condition: { StringEquals: { 'states:StateMachineQualifier': 'live' } },
        },
      })),
    );
    expect(environmentOf('ReconcileOrdersLambdaFunction').ORDER_WORKFLOW_ALIAS_ARN).toEqual({
      Ref: 'OrderWorkflowAlias',
    });
  });

  it('runs the reconciler on a schedule, once per delivery, past a threshold createOrder cannot still be inside', () => {
    const template = templateOf(stage);
    const fn = template.Resources.ReconcileOrdersLambdaFunction?.Properties ?? {};
    const schedules = resourcesOfType(template, 'AWS::Events::Rule')
      .filter(([, rule]) => rule.Properties?.ScheduleExpression !== undefined)
      .map(([, rule]) => ({
        schedule: rule.Properties?.ScheduleExpression,
        state: rule.Properties?.State,
        targets: (rule.Properties?.Targets as { Arn: unknown }[]).map((target) => target.Arn),
      }));
    expect(schedules).toEqual([
      {
        schedule: 'rate(5 minutes)',
        state: 'ENABLED',
        targets: [{ 'Fn::GetAtt': ['ReconcileOrdersLambdaFunction', 'Arn'] }],
      },
    ]);
    expect(fn.Timeout).toBeLessThan(5 * 60);
    const retries = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties);
    expect(retries).toEqual([expect.objectContaining({ MaximumRetryAttempts: 0 })]);

    const environment = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    const createOrderTimeout = Number(template.Resources.CreateOrderLambdaFunction?.Properties?.Timeout);
    expect(Number(environment.RECONCILE_AFTER_SECONDS)).toBeGreaterThan(createOrderTimeout);
    expect(environment).toMatchObject({
      ORDERS_TABLE: `order-platform-${stage}-orders`,
      ALERT_TOPIC_ARN: { Ref: 'AlertTopic' },
    });
  });

  it('lets the reconciler query only the live orders index, read and note orders, describe executions and alert', () => {
    const grants = policyStatements(templateOf(stage))
      .filter(({ owner, statement }) => owner === 'ReconcileOrdersRole' && statement.Effect === 'Allow')
      .filter(({ statement }) => !actionsOf(statement).some((action) => action.startsWith('logs:')))
      .map(({ statement }) => ({ actions: actionsOf(statement).sort(), resource: statement.Resource }));
    expect(grants).toEqual([
      { actions: ['dynamodb:Query'], resource: { 'Fn::Sub': '${OrdersTable.Arn}/index/liveOrders' } },
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } },
      {
        actions: ['states:DescribeExecution'],
        resource: {
          'Fn::Sub': `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:order-platform-${stage}-order-workflow:*`,
        },
      },
      { actions: ['states:StartExecution'], resource: { Ref: 'OrderWorkflow' } },
      { actions: ['sns:Publish'], resource: { Ref: 'AlertTopic' } },
      { actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], resource: '*' },
    ]);
    // Nobody scans the orders: their history only grows.
    const orderScans = policyStatements(templateOf(stage))
      .filter(({ statement }) => actionsOf(statement).includes('dynamodb:Scan'))
      .filter(({ statement }) => JSON.stringify(statement.Resource).includes('OrdersTable'));
    expect(orderScans).toEqual([]);
  });

  it('starts workflows in a Standard state machine named for the stage', () => {
    const [[, machine] = []] = resourcesOfType(templateOf(stage), 'AWS::StepFunctions::StateMachine');
    expect(machine?.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      StateMachineName: `order-platform-${stage}-order-workflow`,
    });
  });
});

describe('a stage whose JWT issuer was never given', () => {
  it('is refused by sls package with a one-line reason, before anything is built', async () => {
    const { output, directory } = await unsetIssuer;
    try {
      expect(output).toContain(
        'The JWT issuer of authorizer customerJwt is not set for stage prod: pass --param="jwtIssuer=https://<your identity provider>/"',
      );
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
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

  it('moves a tenth of new orders to a changed workflow for ten minutes on prod, and all at once on dev', () => {
    const rollout = (stage: string) => {
      const preference = templateOf(stage).Resources.OrderWorkflowAlias?.Properties?.DeploymentPreference as {
        Type: string;
        Percentage: { 'Fn::If': [string, number, unknown] };
        Interval: { 'Fn::If': [string, number, unknown] };
      };
      const inSteps = conditionHolds(templateOf(stage), preference.Percentage['Fn::If'][0]);
      return {
        type: preference.Type,
        percentage: inSteps ? preference.Percentage['Fn::If'][1] : undefined,
        intervalMinutes: inSteps ? preference.Interval['Fn::If'][1] : undefined,
      };
    };
    expect(rollout('prod')).toEqual({ type: 'CANARY', percentage: 10, intervalMinutes: 10 });
    expect(rollout('dev')).toEqual({ type: 'ALL_AT_ONCE', percentage: undefined, intervalMinutes: undefined });
  });

  it('takes sandbox payments everywhere but prod, and keeps the sandbox ledger out of prod', () => {
    const provider = (stage: string, fn = 'ConfirmPayment') =>
      (
        templateOf(stage).Resources[`${fn}LambdaFunction`]?.Properties?.Environment as {
          Variables: Record<string, string>;
        }
      ).Variables.PAYMENT_PROVIDER;
    expect(provider('dev')).toBe('sandbox');
    // Every step that calls the provider uses the same one.
    for (const fn of ['CapturePayment', 'VoidOrRefundPayment']) {
      expect({ fn, provider: provider('dev', fn) }).toEqual({ fn, provider: 'sandbox' });
      expect({ fn, provider: provider('prod', fn) }).toEqual({ fn, provider: provider('prod') });
    }
    expect(conditionHolds(templateOf('dev'), 'UsesSandboxPayments')).toBe(true);
    expect(provider('prod')).toBe('stripe');
    expect(conditionHolds(templateOf('prod'), 'UsesSandboxPayments')).toBe(false);
    expect(templateOf('prod').Resources.SandboxPaymentsTable?.Condition).toBe('UsesSandboxPayments');
  });

  it('lets only the payment functions read the Stripe key, from its one secret, and only where the stage uses Stripe', () => {
    const secretReads = (stage: string) =>
      policyStatements(templateOf(stage))
        .filter(({ statement }) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')))
        .map(({ owner, statement }) => ({ owner, actions: actionsOf(statement), resource: statement.Resource }))
        .sort((a, b) => a.owner.localeCompare(b.owner));
    const secret = (stage: string) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:order-platform/${stage}/stripe-secret-key-??????`,
    });
    const environments = (stage: string) =>
      resourcesOfType(templateOf(stage), 'AWS::Lambda::Function').map(
        ([, fn]) => (fn.Properties?.Environment as { Variables: Record<string, string> }).Variables,
      );

    for (const stage of stages) {
      expect(secretReads(stage)).toEqual(
        ['CapturePaymentRole', 'ConfirmPaymentRole', 'VoidOrRefundPaymentRole'].map((owner) => ({
          owner,
          actions: ['secretsmanager:GetSecretValue'],
          resource: secret(stage),
        })),
      );
      // The functions learn the secret's name; no value of any function's environment is a key.
      expect(templateOf(stage).Resources.ConfirmPaymentLambdaFunction?.Properties?.Environment).toMatchObject({
        Variables: { STRIPE_SECRET_ID: `order-platform/${stage}/stripe-secret-key` },
      });
      expect(
        environments(stage)
          .flatMap(Object.values)
          .filter((value) => /^(sk|rk)_/.test(String(value))),
      ).toEqual([]);
    }
    expect(conditionHolds(templateOf('prod'), 'UsesStripePayments')).toBe(true);
    expect(conditionHolds(templateOf('dev'), 'UsesStripePayments')).toBe(false);
  });

  it('logs every workflow event with its data on dev, and only errors without data on prod', () => {
    const logging = (stage: string) => templateOf(stage).Resources.OrderWorkflow?.Properties?.LoggingConfiguration;
    expect(logging('dev')).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    expect(logging('prod')).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
  });

  it('subscribes an alert email only when one is given', () => {
    expect(conditionHolds(templateOf('prod'), 'SendsAlertEmail')).toBe(false);
    expect(templateOf('prod').Resources.AlertEmailSubscription?.Condition).toBe('SendsAlertEmail');
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

describe("prod's payment Lambda, its bundle as packaged, against Stripe (the test server)", () => {
  const SECRET_KEY = 'sk_test_prodbundle';
  let bundle: string;
  let dynamodb: LocalDynamoDb;
  let secrets: LocalSecretsManager;
  let stripe: StripeTestServer;
  let eventBridge: Awaited<ReturnType<typeof startLocalEventBridge>>;
  let environment: Record<string, string>;

  beforeAll(async () => {
    bundle = extractBundle(
      join(packaged.get('prod')?.directory as string, 'confirmPayment.zip'),
      'services/payments/functions/confirm-payment/handler.js',
    );
    const packagedEnvironment = templateOf('prod').Resources.ConfirmPaymentLambdaFunction?.Properties?.Environment as {
      Variables: Record<string, unknown>;
    };
    // What CloudFormation would fill in (the orders table's name) is given here; the rest is prod's own.
    const configured = Object.fromEntries(
      Object.entries(packagedEnvironment.Variables).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    [dynamodb, stripe, eventBridge] = await Promise.all([
      startLocalDynamoDb(),
      startStripeTestServer({ secretKey: SECRET_KEY }),
      startLocalEventBridge({ region: 'us-east-1', buses: [configured.ORDER_EVENTS_BUS as string] }),
    ]);
    secrets = await startLocalSecretsManager({ secrets: { [configured.STRIPE_SECRET_ID as string]: SECRET_KEY } });
    await createTables(dynamodb.client, { OrdersTable: 'orders' });
    environment = {
      ...configured,
      ORDERS_TABLE: 'orders',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'ASIAEXECUTIONROLE01',
      AWS_SECRET_ACCESS_KEY: 'execution-role-secret',
      AWS_SESSION_TOKEN: 'execution-role-session-token',
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
      STRIPE_API_URL: stripe.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
  }, 60_000);
  afterAll(() => Promise.all([dynamodb?.stop(), secrets?.stop(), stripe?.stop(), eventBridge?.stop()]));

  it("holds the order's total with the key it reads from Secrets Manager, records the hold and announces it on the stage's bus", async () => {
    const orders = buildOrderRepository(createDocumentClient(dynamodb.client), 'orders');
    const order = anOrder();
    await orders.insert({ order, paymentToken: 'pm_card_visa', requestFingerprint: 'fp-1' });

    const answer = await invokeBundle(bundle, { orderId: order.orderId }, environment);

    expect(environment.PAYMENT_PROVIDER).toBe('stripe');
    expect(answer).toEqual({ outcome: 'AUTHORIZED', authorizationId: expect.stringMatching(/^pi_/) });
    expect(stripe.paymentIntents.all()).toEqual([
      expect.objectContaining({ status: 'requires_capture', amount: order.total.amount, capture_method: 'manual' }),
    ]);
    expect(secrets.reads).toEqual([environment.STRIPE_SECRET_ID]);
    expect((await orders.get(order.orderId))?.order.payment).toMatchObject({
      status: 'AUTHORIZED',
      authorizationId: (answer as { authorizationId: string }).authorizationId,
    });
    expect(eventBridge.events.map((event) => [event.eventBusName, event['detail-type'], event.detail])).toEqual([
      ['order-platform-prod-orders', 'OrderPlaced', expect.objectContaining({ orderId: order.orderId })],
      [
        'order-platform-prod-orders',
        'OrderPaymentAuthorized',
        expect.objectContaining({ paymentStatus: 'AUTHORIZED' }),
      ],
    ]);
  }, 30_000);
});
