import * as z from 'zod/mini';
import { ORDERS_ACCEPTED, RECONCILER_METRICS } from '@order-platform/orders-service/metrics';
import type { Template } from './template';

// The stage's dashboard, alarms and X-Ray grants, derived from the packaged CloudFormation
// template rather than written per function: every AWS::Lambda::Function in the template gets
// its Errors and Throttles alarms, its dashboard lines and its tracing grant, so a function
// added to serverless.yml is covered without touching this file.

type Resource = Template['Resources'][string];

/** `custom.observability` in serverless.yml, with the stage's thresholds from `params`. */
export const ObservabilitySettingsSchema = z.object({
  dashboardName: z.string().check(z.minLength(1)),
  stage: z.string().check(z.minLength(1)),
  alarmTopic: z.object({ Ref: z.string().check(z.minLength(1)) }),
  /** 5xx answers in five minutes that page someone. */
  api5xxAlarmThreshold: z.int().check(z.positive()),
  /** The p99 latency (ms) that pages when it holds for 15 minutes. */
  apiP99LatencyAlarmMs: z.int().check(z.positive()),
});
export type ObservabilitySettings = z.infer<typeof ObservabilitySettingsSchema>;

const PERIOD_SECONDS = 300;
// HTTP APIs publish their metrics per stage; serverless deploys the one `$default` stage.
const API_STAGE = '$default';
const WORKFLOW_METRICS = [
  'ExecutionsStarted',
  'ExecutionsSucceeded',
  'ExecutionsFailed',
  'ExecutionsTimedOut',
  'ExecutionsAborted',
];

const logicalIdsOfType = (template: Template, type: string) =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId]) => logicalId);

/** The name a reader knows a function by: `CreateOrderLambdaFunction` is `CreateOrder`. */
const labelOf = (functionLogicalId: string) => functionLogicalId.replace(/LambdaFunction$/, '');

const alarm = (
  settings: ObservabilitySettings,
  properties: Record<string, unknown> & { AlarmDescription: string },
): Resource => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    Period: PERIOD_SECONDS,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    // No traffic is not an outage: an idle stage stays OK.
    TreatMissingData: 'notBreaching',
    AlarmActions: [settings.alarmTopic],
    ...properties,
  },
});

const functionAlarms = (settings: ObservabilitySettings, functionIds: string[]) =>
  Object.fromEntries(
    functionIds.flatMap((functionId) => {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: functionId } }];
      const label = labelOf(functionId);
      return [
        [
          `${functionId}ErrorsAlarm`,
          alarm(settings, {
            AlarmDescription: `${settings.dashboardName}: ${label} failed (an error thrown or a timeout)`,
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: dimensions,
            Statistic: 'Sum',
            Threshold: 1,
          }),
        ],
        [
          `${functionId}ThrottlesAlarm`,
          alarm(settings, {
            AlarmDescription: `${settings.dashboardName}: ${label} was throttled (concurrency exhausted)`,
            Namespace: 'AWS/Lambda',
            MetricName: 'Throttles',
            Dimensions: dimensions,
            Statistic: 'Sum',
            Threshold: 1,
          }),
        ],
      ];
    }),
  );

const apiAlarms = (settings: ObservabilitySettings, apiId: string) => {
  const dimensions = [
    { Name: 'ApiId', Value: { Ref: apiId } },
    { Name: 'Stage', Value: API_STAGE },
  ];
  return {
    [`${apiId}ServerErrorsAlarm`]: alarm(settings, {
      AlarmDescription: `${settings.dashboardName}: the API answered ${settings.api5xxAlarmThreshold} or more 5xx in 5 minutes`,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: dimensions,
      Statistic: 'Sum',
      Threshold: settings.api5xxAlarmThreshold,
    }),
    [`${apiId}LatencyAlarm`]: alarm(settings, {
      AlarmDescription: `${settings.dashboardName}: API p99 latency above ${settings.apiP99LatencyAlarmMs} ms for 15 minutes`,
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: dimensions,
      ExtendedStatistic: 'p99',
      // One slow burst is not a page; a quarter of an hour is.
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: settings.apiP99LatencyAlarmMs,
    }),
  };
};

type MetricLine = (string | Record<string, string>)[];
interface Widget {
  title: string;
  metrics: MetricLine[];
}

/** `${Id}` placeholders resolve through Fn::Sub: a function's name, the API id, the machine's ARN. */
const placeholder = (logicalId: string) => `\${${logicalId}}`;

const widgetsFor = (template: Template, settings: ObservabilitySettings): Widget[] => {
  const functionIds = logicalIdsOfType(template, 'AWS::Lambda::Function');
  const widgets: Widget[] = [
    {
      title: 'Orders accepted',
      metrics: [[ORDERS_ACCEPTED.namespace, ORDERS_ACCEPTED.name, 'stage', settings.stage, { stat: 'Sum' }]],
    },
    {
      // What the reconciler found: live orders past the threshold, executions it had to start, and
      // stranded orders it alerted (services/orders/functions/reconcile-orders).
      title: 'Live orders reconciled',
      metrics: RECONCILER_METRICS.map(({ namespace, name }) => [
        namespace,
        name,
        'stage',
        settings.stage,
        { stat: 'Sum' },
      ]),
    },
  ];
  for (const machineId of logicalIdsOfType(template, 'AWS::StepFunctions::StateMachine')) {
    const arn = placeholder(machineId);
    widgets.push(
      {
        title: `${machineId} executions`,
        metrics: WORKFLOW_METRICS.map((name) => ['AWS/States', name, 'StateMachineArn', arn, { stat: 'Sum' }]),
      },
      {
        title: `${machineId} execution time`,
        metrics: ['p50', 'p99'].map((stat) => ['AWS/States', 'ExecutionTime', 'StateMachineArn', arn, { stat }]),
      },
    );
  }
  for (const apiId of logicalIdsOfType(template, 'AWS::ApiGatewayV2::Api')) {
    const dimensions = ['ApiId', placeholder(apiId), 'Stage', API_STAGE];
    widgets.push(
      {
        title: 'API requests and errors',
        metrics: ['Count', '4xx', '5xx'].map((name) => ['AWS/ApiGateway', name, ...dimensions, { stat: 'Sum' }]),
      },
      {
        title: 'API latency',
        metrics: ['p50', 'p99'].map((stat) => ['AWS/ApiGateway', 'Latency', ...dimensions, { stat }]),
      },
    );
  }
  const perFunction = (metric: string, stat: string): MetricLine[] =>
    functionIds.map((id) => ['AWS/Lambda', metric, 'FunctionName', placeholder(id), { stat, label: labelOf(id) }]);
  widgets.push(
    { title: 'Lambda errors', metrics: perFunction('Errors', 'Sum') },
    { title: 'Lambda throttles', metrics: perFunction('Throttles', 'Sum') },
    { title: 'Lambda duration p50', metrics: perFunction('Duration', 'p50') },
    { title: 'Lambda duration p99', metrics: perFunction('Duration', 'p99') },
  );
  return widgets;
};

const WIDGET_WIDTH = 12;
const WIDGET_HEIGHT = 6;

const dashboard = (template: Template, settings: ObservabilitySettings): Resource => {
  const widgets = widgetsFor(template, settings).map(({ title, metrics }, index) => ({
    type: 'metric',
    // Two columns, filled row by row.
    x: (index % 2) * WIDGET_WIDTH,
    y: Math.floor(index / 2) * WIDGET_HEIGHT,
    width: WIDGET_WIDTH,
    height: WIDGET_HEIGHT,
    properties: { title, region: '${AWS::Region}', view: 'timeSeries', period: PERIOD_SECONDS, metrics },
  }));
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: settings.dashboardName,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) },
    },
  };
};

/** The dashboard and the alarms to add to the template. */
export const observabilityResources = (
  template: Template,
  settings: ObservabilitySettings,
): Record<string, Resource> => ({
  ObservabilityDashboard: dashboard(template, settings),
  ...Object.assign({}, ...logicalIdsOfType(template, 'AWS::ApiGatewayV2::Api').map((id) => apiAlarms(settings, id))),
  ...functionAlarms(settings, logicalIdsOfType(template, 'AWS::Lambda::Function')),
});

export const XRAY_WRITE_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const TRACING_POLICY_NAME = 'xray-tracing';

/**
 * Lets every actively traced function's own role send its segments. Lambda refuses Active tracing
 * on a role that cannot, and X-Ray's write actions take no resource but `*`.
 */
export const grantTracing = (template: Template): void => {
  for (const functionId of logicalIdsOfType(template, 'AWS::Lambda::Function')) {
    const properties = template.Resources[functionId]?.Properties ?? {};
    if ((properties.TracingConfig as { Mode?: string } | undefined)?.Mode !== 'Active') continue;
    const roleId = (properties.Role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    const role = roleId === undefined ? undefined : template.Resources[roleId];
    if (role?.Type !== 'AWS::IAM::Role') {
      throw new Error(`${functionId} is traced but its role is not a role in this template: grant X-Ray by hand`);
    }
    const policies = (role.Properties?.Policies as { PolicyName?: string }[] | undefined) ?? [];
    // Functions may share a role; one grant is enough.
    if (policies.some((policy) => policy.PolicyName === TRACING_POLICY_NAME)) continue;
    role.Properties = {
      ...role.Properties,
      Policies: [
        ...policies,
        {
          PolicyName: TRACING_POLICY_NAME,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: XRAY_WRITE_ACTIONS, Resource: '*' }],
          },
        },
      ],
    };
  }
};
