import { StackPlugin } from './stack-plugin';
import type { Template } from './template';

// The plugin as serverless drives it: the hooks it registers, called with the service's state at
// that point. tests/packaging runs it through `sls package` on the real serverless.yml.

class ServerlessError extends Error {}

const observability = {
  dashboardName: 'order-platform-test',
  stage: 'test',
  alarmTopic: { Ref: 'AlertTopic' },
  api5xxAlarmThreshold: 5,
  apiP99LatencyAlarmMs: 3000,
};

const serverlessWith = ({ issuerUrl = 'https://id.example.com/', custom = { observability } } = {}) => {
  const template: Template = {
    Resources: {
      HttpApi: { Type: 'AWS::ApiGatewayV2::Api' },
      AlertTopic: { Type: 'AWS::SNS::Topic' },
      CreateOrderLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: { 'Fn::GetAtt': ['CreateOrderRole', 'Arn'] }, TracingConfig: { Mode: 'Active' } },
      },
      CreateOrderRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [
            {
              PolicyName: 'own',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] } },
                ],
              },
            },
          ],
        },
      },
    },
  };
  return {
    template,
    serverless: {
      service: {
        custom,
        provider: {
          stage: 'test',
          httpApi: { authorizers: { jwt: { type: 'jwt', issuerUrl } } },
          compiledCloudFormationTemplate: template,
        },
      },
      classes: { Error: ServerlessError },
    },
  };
};

describe('StackPlugin', () => {
  it('refuses to package or deploy a stage whose JWT issuer was never set, as a serverless error', () => {
    const { hooks } = new StackPlugin(serverlessWith({ issuerUrl: 'https://unset.invalid/' }).serverless);

    for (const hook of ['before:package:initialize', 'before:deploy:deploy']) {
      expect(hooks[hook]).toThrow(ServerlessError);
      expect(hooks[hook]).toThrow(/JWT issuer of authorizer jwt .* for stage test/);
    }
  });

  it('lets a stage with an https issuer through', () => {
    const { hooks } = new StackPlugin(serverlessWith().serverless);

    expect(() => hooks['before:package:initialize']?.()).not.toThrow();
    expect(() => hooks['before:deploy:deploy']?.()).not.toThrow();
  });

  it('completes the merged template: roles, tracing, dashboard and alarms, and the alert topic’s grant to them', () => {
    const { serverless, template } = serverlessWith();
    const before = JSON.stringify(template);

    new StackPlugin(serverless).hooks['after:aws:package:finalize:mergeCustomProviderResources']?.();

    expect(JSON.stringify(template)).not.toBe(before);
    expect(template.Resources.ObservabilityDashboard?.Type).toBe('AWS::CloudWatch::Dashboard');
    expect(
      Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm').length,
    ).toBeGreaterThan(0);
    expect(template.Resources.AlertTopicPolicy?.Properties?.Topics).toEqual([{ Ref: 'AlertTopic' }]);
    const role = JSON.stringify(template.Resources.CreateOrderRole);
    expect(role).toContain('sts:AssumeRole');
    expect(role).toContain('xray:PutTraceSegments');
  });

  it('refuses observability settings the stage did not give, by what is missing', () => {
    const { serverless } = serverlessWith({ custom: {} as never });

    expect(() =>
      new StackPlugin(serverless).hooks['after:aws:package:finalize:mergeCustomProviderResources']?.(),
    ).toThrow();
  });
});
