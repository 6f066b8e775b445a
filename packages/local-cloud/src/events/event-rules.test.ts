import { ORDER_EVENT_SOURCE, ORDER_EVENT_TYPES } from '@order-platform/domain';
import { LOCAL_STAGE } from '../local-services';
import { loadServiceDefinition } from '../step-functions/service-definition';
import { eventRulesOf, logGroupsOf, matchesEventPattern } from './event-rules';

const envelope = (source: string, detailType: string, detail: unknown = {}) => ({
  version: '0',
  id: 'e-1',
  'detail-type': detailType,
  source,
  detail,
});

describe('the template’s rules, as the local EventBridge applies them', () => {
  it('sends every order event the steps publish into the stage’s order-event log, and nothing else', async () => {
    const { resources, region } = await loadServiceDefinition(LOCAL_STAGE);
    const [rule, ...others] = eventRulesOf(resources, region);

    expect(others).toEqual([]);
    expect(rule).toMatchObject({
      name: 'order-platform-local-orders-to-log',
      eventBusName: 'order-platform-local-orders',
      state: 'ENABLED',
      targets: [
        {
          id: 'order-event-log',
          logGroupName: '/aws/events/order-platform-local-orders',
          arn: 'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/events/order-platform-local-orders:*',
        },
      ],
    });
    for (const type of ORDER_EVENT_TYPES) {
      expect(matchesEventPattern(rule?.eventPattern ?? {}, envelope(ORDER_EVENT_SOURCE, type))).toBe(true);
    }
    expect(matchesEventPattern(rule?.eventPattern ?? {}, envelope('someone.else', 'OrderPlaced'))).toBe(false);
    expect(logGroupsOf(resources)).toContainEqual({
      name: '/aws/events/order-platform-local-orders',
      retentionInDays: 14,
    });
  }, 60_000);

  it('matches exact values: each listed field must hold one of its values, nested fields and arrays included', () => {
    const pattern = { source: ['a', 'b'], detail: { status: ['FAILED'], tags: ['vip'] } };

    expect(matchesEventPattern(pattern, envelope('b', 't', { status: 'FAILED', tags: ['new', 'vip'] }))).toBe(true);
    expect(matchesEventPattern(pattern, envelope('b', 't', { status: 'FAILED', tags: ['new'] }))).toBe(false);
    expect(matchesEventPattern(pattern, envelope('c', 't', { status: 'FAILED', tags: 'vip' }))).toBe(false);
    expect(matchesEventPattern(pattern, envelope('a', 't', { status: 'DISPATCHED', tags: 'vip' }))).toBe(false);
    expect(matchesEventPattern(pattern, envelope('a', 't'))).toBe(false);
    expect(matchesEventPattern(pattern, envelope('a', 't', 'not an object'))).toBe(false);
  });

  it('resolves a rule’s bus and targets as CloudFormation would, and keeps a target it does not run', () => {
    const rules = eventRulesOf(
      {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop-bus' } },
        Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/events/shop' } },
        OnDefault: {
          Type: 'AWS::Events::Rule',
          Properties: {
            State: 'DISABLED',
            EventPattern: { source: ['x'] },
            Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:eu-west-1:1:q' }],
          },
        },
        OnShop: {
          Type: 'AWS::Events::Rule',
          Properties: {
            Name: 'to-log',
            Description: 'all of it',
            EventBusName: { Ref: 'Bus' },
            EventPattern: { source: ['x'] },
            Targets: [{ Id: 'log', Arn: { 'Fn::GetAtt': ['Log', 'Arn'] } }],
          },
        },
        ByArn: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventBusName: 'arn:aws:events:eu-west-1:1:event-bus/shop-bus',
            EventPattern: { source: ['y'] },
          },
        },
      },
      'eu-west-1',
    );

    expect(rules).toEqual([
      {
        name: 'OnDefault',
        eventBusName: 'default',
        state: 'DISABLED',
        eventPattern: { source: ['x'] },
        targets: [{ id: 'q', arn: 'arn:aws:sqs:eu-west-1:1:q' }],
      },
      {
        name: 'to-log',
        eventBusName: 'shop-bus',
        description: 'all of it',
        state: 'ENABLED',
        eventPattern: { source: ['x'] },
        targets: [
          {
            id: 'log',
            arn: 'arn:aws:logs:eu-west-1:000000000000:log-group:/aws/events/shop:*',
            logGroupName: '/aws/events/shop',
          },
        ],
      },
      { name: 'ByArn', eventBusName: 'shop-bus', state: 'ENABLED', eventPattern: { source: ['y'] }, targets: [] },
    ]);
  });

  it('refuses, by name, a pattern with more than exact values and a bus it cannot resolve', () => {
    const ruleWith = (properties: Record<string, unknown>) => ({
      Rule: { Type: 'AWS::Events::Rule', Properties: { Name: 'r', ...properties } },
    });

    expect(() => eventRulesOf(ruleWith({ EventPattern: { detail: { id: [{ prefix: 'a' }] } } }), 'eu-west-1')).toThrow(
      'The rule r matches detail.id with {"prefix":"a"}: the local EventBridge matches exact values only.',
    );
    expect(() => eventRulesOf(ruleWith({ EventPattern: { source: 'x' } }), 'eu-west-1')).toThrow(
      "The rule r's event pattern at source is neither a list of values nor an object.",
    );
    expect(() =>
      eventRulesOf(ruleWith({ EventPattern: { source: ['x'] }, EventBusName: { Ref: 'Missing' } }), 'eu-west-1'),
    ).toThrow(/cannot resolve: \{"Ref":"Missing"\}/);
  });
});
