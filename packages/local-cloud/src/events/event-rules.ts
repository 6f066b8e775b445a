import { LOCAL_ACCOUNT_ID } from '../step-functions/render-definition';
import type { JsonAnswer } from './local-event-buses';

// The EventBridge rules the stack's template declares (AWS::Events::Rule), as the local buses
// apply them: a rule on a bus whose event pattern an event matches delivers it to each target the
// local stack runs (a CloudWatch Logs group of the template). Patterns are matched as EventBridge
// matches exact values: every field the pattern names must hold one of the values it lists.

interface CloudFormationResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
}

type Resources = Readonly<Record<string, CloudFormationResource>>;

export interface EventRuleTarget {
  readonly id: string;
  /** The target's ARN as the template gives it, resolved where it names the template's own resource. */
  readonly arn: string;
  /** Set when the target is a log group of the template: the local stack delivers there. */
  readonly logGroupName?: string;
}

export interface EventRule {
  readonly name: string;
  readonly eventBusName: string;
  readonly description?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly eventPattern: Readonly<Record<string, unknown>>;
  readonly targets: readonly EventRuleTarget[];
}

/** Refuses a pattern that uses more than exact values (prefix, anything-but, numeric, …) by name. */
const checkedPattern = (
  rule: string,
  pattern: unknown,
  path: readonly string[] = [],
): Readonly<Record<string, unknown>> => {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) {
    throw new Error(
      `The rule ${rule}'s event pattern${path.length > 0 ? ` at ${path.join('.')}` : ''} is neither a list of values nor an object.`,
    );
  }
  for (const [key, value] of Object.entries(pattern)) {
    if (Array.isArray(value)) {
      const operator = value.find((entry) => entry !== null && typeof entry === 'object');
      if (operator) {
        throw new Error(
          `The rule ${rule} matches ${[...path, key].join('.')} with ${JSON.stringify(operator)}: the local EventBridge matches exact values only.`,
        );
      }
    } else {
      checkedPattern(rule, value, [...path, key]);
    }
  }
  return pattern as Readonly<Record<string, unknown>>;
};

/** Whether an event (EventBridge's envelope) matches a pattern of exact values. */
export const matchesEventPattern = (pattern: Readonly<Record<string, unknown>>, event: unknown): boolean =>
  Object.entries(pattern).every(([key, expected]) => {
    const actual = event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(expected)) return matchesEventPattern(expected as Record<string, unknown>, actual);
    const values = Array.isArray(actual) ? actual : [actual];
    return values.some((value) => value !== undefined && expected.includes(value));
  });

/** The logical id in `{ Ref: Id }` or `{ 'Fn::GetAtt': [Id, Attribute] }`. */
const logicalIdOf = (value: unknown, intrinsic: 'Ref' | 'Fn::GetAtt'): string | undefined => {
  if (value === null || typeof value !== 'object' || !(intrinsic in value)) return undefined;
  const argument = (value as Record<string, unknown>)[intrinsic];
  if (Array.isArray(argument)) return argument[0] as string;
  return typeof argument === 'string' ? argument : undefined;
};

const templateBusNameOf = (resources: Resources, value: unknown): string => {
  if (value === undefined || typeof value === 'string') return busNameOf(value);
  const bus = resources[logicalIdOf(value, 'Ref') ?? ''];
  const name = bus?.Type === 'AWS::Events::EventBus' ? bus.Properties?.Name : undefined;
  if (typeof name !== 'string')
    throw new Error(`An event rule names a bus the local stack cannot resolve: ${JSON.stringify(value)}`);
  return name;
};

const targetOf = (resources: Resources, region: string, target: Record<string, unknown>): EventRuleTarget => {
  const id = String(target.Id);
  if (typeof target.Arn === 'string') return { id, arn: target.Arn };
  const logicalId = logicalIdOf(target.Arn, 'Fn::GetAtt') ?? logicalIdOf(target.Arn, 'Ref');
  const resource = resources[logicalId ?? ''];
  const logGroupName = resource?.Type === 'AWS::Logs::LogGroup' ? resource.Properties?.LogGroupName : undefined;
  return typeof logGroupName === 'string'
    ? { id, arn: `arn:aws:logs:${region}:${LOCAL_ACCOUNT_ID}:log-group:${logGroupName}:*`, logGroupName }
    : { id, arn: JSON.stringify(target.Arn) };
};

/** Every AWS::Events::Rule of the template, its bus and log-group targets resolved as CloudFormation would. */
export const eventRulesOf = (resources: Resources, region: string): EventRule[] =>
  Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::Events::Rule')
    .map(([logicalId, { Properties: properties = {} }]) => {
      const name = typeof properties.Name === 'string' ? properties.Name : logicalId;
      const description = properties.Description;
      return {
        name,
        eventBusName: templateBusNameOf(resources, properties.EventBusName),
        ...(typeof description === 'string' ? { description } : {}),
        state: properties.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        eventPattern: checkedPattern(name, properties.EventPattern),
        targets: ((properties.Targets ?? []) as Record<string, unknown>[]).map((target) =>
          targetOf(resources, region, target),
        ),
      };
    });

/** Every AWS::Logs::LogGroup of the template that has a name, with its retention. */
export const logGroupsOf = (resources: Resources): { name: string; retentionInDays?: number }[] =>
  Object.values(resources).flatMap(({ Type, Properties: properties = {} }) =>
    Type === 'AWS::Logs::LogGroup' && typeof properties.LogGroupName === 'string'
      ? [
          {
            name: properties.LogGroupName,
            ...(typeof properties.RetentionInDays === 'number' ? { retentionInDays: properties.RetentionInDays } : {}),
          },
        ]
      : [],
  );

const ruleArnOf = (region: string, { name, eventBusName }: EventRule) =>
  `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/${eventBusName === 'default' ? '' : `${eventBusName}/`}${name}`;

/** A bus named by its name or its ARN (the default bus when none is), as EventBridge's calls take it. */
export const busNameOf = (nameOrArn: unknown = 'default') =>
  String(nameOrArn).replace(/^arn:aws:events:[^:]*:\d+:event-bus\//, '');

/**
 * EventBridge's read calls on rules, as `aws events list-rules`, `describe-rule` and
 * `list-targets-by-rule` send them; undefined for any other action.
 */
export const answerRuleRequest = (
  rules: readonly EventRule[],
  region: string,
  action: string,
  request: Record<string, unknown>,
): JsonAnswer | undefined => {
  const describe = (rule: EventRule) => ({
    Name: rule.name,
    Arn: ruleArnOf(region, rule),
    EventPattern: JSON.stringify(rule.eventPattern),
    State: rule.state,
    ...(rule.description ? { Description: rule.description } : {}),
    EventBusName: rule.eventBusName,
  });
  const onBus = rules.filter((rule) => rule.eventBusName === busNameOf(request.EventBusName));
  const notFound = (name: unknown): JsonAnswer => ({
    status: 400,
    body: { __type: 'ResourceNotFoundException', message: `Rule ${String(name)} does not exist.` },
  });
  switch (action) {
    case 'ListRules':
      return {
        status: 200,
        body: {
          Rules: onBus
            .filter((rule) => typeof request.NamePrefix !== 'string' || rule.name.startsWith(request.NamePrefix))
            .map(describe),
        },
      };
    case 'DescribeRule': {
      const rule = onBus.find(({ name }) => name === request.Name);
      return rule ? { status: 200, body: { ...describe(rule), CreatedBy: LOCAL_ACCOUNT_ID } } : notFound(request.Name);
    }
    case 'ListTargetsByRule': {
      const rule = onBus.find(({ name }) => name === request.Rule);
      return rule
        ? { status: 200, body: { Targets: rule.targets.map(({ id, arn }) => ({ Id: id, Arn: arn })) } }
        : notFound(request.Rule);
    }
    default:
      return undefined;
  }
};
