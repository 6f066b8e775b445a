import { grantTracing, observabilityResources, type ObservabilitySettings } from './observability';
import type { Template } from './template';

const settings: ObservabilitySettings = {
  dashboardName: 'order-platform-test',
  stage: 'test',
  alarmTopic: { Ref: 'AlertTopic' },
  api5xxAlarmThreshold: 5,
  apiP99LatencyAlarmMs: 3000,
};

const role = () => ({ Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'own' }] } });
const tracedFunction = (roleId: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] }, TracingConfig: { Mode: 'Active' } },
});
const template = (): Template => ({
  Resources: {
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api' },
    OrderWorkflow: { Type: 'AWS::StepFunctions::StateMachine' },
    CreateOrderLambdaFunction: tracedFunction('CreateOrderRole'),
    ListExecutionsLambdaFunction: tracedFunction('ListExecutionsRole'),
    CreateOrderRole: role(),
    ListExecutionsRole: role(),
  },
});

type Widget = { properties: { title: string; metrics: unknown[][] } };
const widgetsOf = (resources: ReturnType<typeof observabilityResources>) =>
  (
    JSON.parse((resources.ObservabilityDashboard?.Properties?.DashboardBody as { 'Fn::Sub': string })['Fn::Sub']) as {
      widgets: Widget[];
    }
  ).widgets;

describe('observabilityResources', () => {
  it('alarms on errors and throttles of every function in the template, to the alert topic', () => {
    const resources = observabilityResources(template(), settings);

    const lambdaAlarms = Object.values(resources)
      .map((resource) => resource.Properties ?? {})
      .filter((properties) => properties.Namespace === 'AWS/Lambda')
      .map((properties) => [
        properties.MetricName,
        (properties.Dimensions as { Value: unknown }[])[0]?.Value,
        properties.AlarmActions,
        properties.TreatMissingData,
      ]);
    expect(lambdaAlarms).toEqual(
      ['CreateOrderLambdaFunction', 'ListExecutionsLambdaFunction'].flatMap((id) =>
        ['Errors', 'Throttles'].map((metric) => [metric, { Ref: id }, [{ Ref: 'AlertTopic' }], 'notBreaching']),
      ),
    );
  });

  it("alarms on the API's 5xx count and p99 latency at the stage's thresholds", () => {
    const resources = observabilityResources(template(), settings);

    expect(resources.HttpApiServerErrorsAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [
        { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
        { Name: 'Stage', Value: '$default' },
      ],
      Threshold: 5,
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
    expect(resources.HttpApiLatencyAlarm?.Properties).toMatchObject({
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 3000,
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
  });

  it('draws orders accepted, the workflow, the API and every function on the stage dashboard', () => {
    const resources = observabilityResources(template(), settings);

    expect(resources.ObservabilityDashboard?.Properties?.DashboardName).toBe('order-platform-test');
    const metricsTitled = (title: string) => widgetsOf(resources).find((widget) => widget.properties.title === title);
    expect(metricsTitled('Orders accepted')?.properties.metrics).toEqual([
      ['OrderPlatform', 'OrdersAccepted', 'stage', 'test', { stat: 'Sum' }],
    ]);
    expect(metricsTitled('Live orders reconciled')?.properties.metrics).toEqual(
      ['LiveOrdersExamined', 'MissingExecutionsStarted', 'StrandedOrdersAlerted'].map((name) => [
        'OrderPlatform',
        name,
        'stage',
        'test',
        { stat: 'Sum' },
      ]),
    );
    expect(metricsTitled('OrderWorkflow executions')?.properties.metrics.map((metric) => metric[1])).toEqual([
      'ExecutionsStarted',
      'ExecutionsSucceeded',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'ExecutionsAborted',
    ]);
    expect(metricsTitled('Lambda errors')?.properties.metrics.map((metric) => metric[3])).toEqual([
      '${CreateOrderLambdaFunction}',
      '${ListExecutionsLambdaFunction}',
    ]);
  });

  it('lays the widgets out in two columns without overlap', () => {
    const body = widgetsOf(observabilityResources(template(), settings)) as unknown as {
      x: number;
      y: number;
    }[];
    const cells = body.map(({ x, y }) => `${x},${y}`);
    expect(new Set(cells).size).toBe(body.length);
    expect(new Set(body.map(({ x }) => x))).toEqual(new Set([0, 12]));
  });
});

describe('grantTracing', () => {
  it("lets each traced function's own role write to X-Ray, once", () => {
    const traced = template();

    grantTracing(traced);
    grantTracing(traced);

    for (const roleId of ['CreateOrderRole', 'ListExecutionsRole']) {
      expect(traced.Resources[roleId]?.Properties?.Policies).toEqual([
        { PolicyName: 'own' },
        {
          PolicyName: 'xray-tracing',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
            ],
          },
        },
      ]);
    }
  });

  it('leaves the roles of untraced functions alone', () => {
    const untraced = template();
    delete untraced.Resources.CreateOrderLambdaFunction?.Properties?.TracingConfig;

    grantTracing(untraced);

    expect(untraced.Resources.CreateOrderRole?.Properties?.Policies).toEqual([{ PolicyName: 'own' }]);
  });

  it('refuses a traced function whose role it cannot see, rather than deploy a function Lambda rejects', () => {
    const foreign = template();
    delete foreign.Resources.CreateOrderRole;

    expect(() => grantTracing(foreign)).toThrow(/CreateOrderLambdaFunction is traced/);
  });
});
