// Reading packaged CloudFormation templates: what CloudFormation would check at deploy time
// and `sls package` does not.

export interface Template {
  Resources: Record<
    string,
    {
      Type: string;
      Properties?: Record<string, unknown>;
      DependsOn?: string | string[];
      DeletionPolicy?: string;
      UpdateReplacePolicy?: string;
      Condition?: string;
    }
  >;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
}

/** The resources each resource depends on, through Ref, Fn::GetAtt, Fn::Sub and DependsOn. */
export const dependencyGraph = (template: Template): Map<string, Set<string>> => {
  const logicalIds = new Set(Object.keys(template.Resources));
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const edges = new Set<string>();
    const add = (target: string) => {
      if (logicalIds.has(target)) edges.add(target);
    };
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'Ref' && typeof value === 'string') add(value);
        else if (key === 'Fn::GetAtt')
          add(Array.isArray(value) ? String(value[0]) : (String(value).split('.')[0] ?? ''));
        else if (key === 'Fn::Sub') {
          const text = Array.isArray(value) ? String(value[0]) : String(value);
          for (const match of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) add(match[1] as string);
          if (Array.isArray(value)) visit(value[1]);
        } else visit(value);
      }
    };
    visit(resource.Properties);
    for (const dependency of [resource.DependsOn ?? []].flat()) add(dependency);
    graph.set(id, edges);
  }
  return graph;
};

/** A dependency cycle as a path `[A, B, …, A]`, or undefined when there is none. */
export const findCycle = (graph: Map<string, Set<string>>): string[] | undefined => {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
};

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: unknown;
}

/**
 * A policy document as an object: some resources take it as a JSON string (AWS::Logs::ResourcePolicy),
 * often inside `!Sub` for the ARNs it names; the placeholders stay as they are.
 */
const parsedPolicyDocument = (document: unknown): unknown => {
  if (typeof document === 'string') return JSON.parse(document);
  const substituted = (document as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub'];
  return typeof substituted === 'string' ? JSON.parse(substituted) : document;
};

/** Every policy statement in the template, with the resource it belongs to. */
export const policyStatements = (template: Template): { owner: string; statement: PolicyStatement }[] => {
  const found: { owner: string; statement: PolicyStatement }[] = [];
  for (const [owner, resource] of Object.entries(template.Resources)) {
    const documents: unknown[] = [];
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of (properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? [])
        documents.push(policy.PolicyDocument);
    } else if ('PolicyDocument' in properties) {
      documents.push(properties.PolicyDocument);
    }
    for (const document of documents.map(parsedPolicyDocument)) {
      for (const statement of [(document as { Statement: unknown }).Statement].flat().flatMap(eitherBranch)) {
        found.push({ owner, statement });
      }
    }
  }
  return found;
};

/** Both branches of a conditional statement (`!If [cond, a, b]`), for checks that must hold either way. */
const eitherBranch = (statement: unknown): PolicyStatement[] => {
  const conditional = (statement as { 'Fn::If'?: [string, unknown, unknown] })['Fn::If'];
  if (!conditional) return [statement as PolicyStatement];
  return conditional
    .slice(1)
    .filter((branch) => (branch as { Ref?: string }).Ref !== 'AWS::NoValue')
    .flatMap(eitherBranch);
};

/** Evaluates a template condition made of Fn::Equals / Fn::Not on literals (what `sls package` leaves). */
export const conditionHolds = (template: Template, name: string): boolean => {
  const evaluate = (expression: unknown): boolean => {
    const { 'Fn::Equals': equals, 'Fn::Not': not } = expression as { 'Fn::Equals'?: unknown[]; 'Fn::Not'?: unknown[] };
    if (equals) return JSON.stringify(equals[0]) === JSON.stringify(equals[1]);
    if (not) return !evaluate(not[0]);
    throw new Error(`Cannot evaluate condition ${JSON.stringify(expression)}`);
  };
  const conditions = template.Conditions ?? {};
  if (!(name in conditions)) throw new Error(`The template has no condition ${name}`);
  return evaluate(conditions[name]);
};

export const actionsOf = (statement: PolicyStatement): string[] => [statement.Action ?? []].flat();

const isIntrinsicKey = (key: string) => key === 'Ref' || key.startsWith('Fn::');

/**
 * Every object that holds an intrinsic function beside another key, by path. CloudFormation
 * rejects them ("an intrinsic must be the only key of its object"): what a deep merge of two
 * templates leaves behind.
 */
export const mixedIntrinsics = (template: unknown): string[] => {
  const found: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${path}[${index}]`));
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.some(isIntrinsicKey) && keys.length > 1) found.push(`${path}: ${keys.join(', ')}`);
    for (const [key, value] of Object.entries(node)) visit(value, `${path}.${key}`);
  };
  visit(template, '$');
  return found;
};

// Intrinsics whose result is a string, whatever they are given (Fn::If: both branches are checked).
const STRING_INTRINSICS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::FindInMap',
]);

/** Whether a value resolves to a string, as an output's Value must. */
export const resolvesToString = (value: unknown): boolean => {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length !== 1 || !only) return false;
  const [key, argument] = only;
  if (key === 'Fn::If') {
    const [, whenTrue, whenFalse] = argument as unknown[];
    const isNoValue = (branch: unknown) => (branch as { Ref?: string } | undefined)?.Ref === 'AWS::NoValue';
    return [whenTrue, whenFalse].every((branch) => isNoValue(branch) || resolvesToString(branch));
  }
  return STRING_INTRINSICS.has(key);
};

/** The outputs whose Value would not resolve to a string. */
export const outputsNotResolvingToString = (template: Template): string[] =>
  Object.entries(template.Outputs ?? {})
    .filter(([, output]) => !resolvesToString((output as { Value?: unknown }).Value))
    .map(([name]) => name);

interface TopicStatement {
  Effect?: string;
  Principal?: { Service?: string | string[]; AWS?: unknown };
  Action?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Who acts on a topic for each kind of resource that names one, and what it does. */
const topicConsumersOf = (template: Template) => {
  const isTopic = (value: unknown): value is { Ref: string } =>
    template.Resources[(value as { Ref?: string } | undefined)?.Ref ?? '']?.Type === 'AWS::SNS::Topic';
  const consumers: { by: string; topic: string; principal: 'cloudwatch' | 'events' | 'account'; action: string }[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type === 'AWS::CloudWatch::Alarm') {
      const actions = ['AlarmActions', 'OKActions', 'InsufficientDataActions'].flatMap(
        (key) => (properties[key] as unknown[] | undefined) ?? [],
      );
      for (const action of actions.filter(isTopic))
        consumers.push({ by: id, topic: action.Ref, principal: 'cloudwatch', action: 'sns:Publish' });
    } else if (resource.Type === 'AWS::Events::Rule') {
      const targets = ((properties.Targets as { Arn?: unknown }[] | undefined) ?? []).map((target) => target.Arn);
      for (const target of targets.filter(isTopic))
        consumers.push({ by: id, topic: target.Ref, principal: 'events', action: 'sns:Publish' });
    } else if (resource.Type === 'AWS::SNS::Subscription' && isTopic(properties.TopicArn)) {
      consumers.push({ by: id, topic: properties.TopicArn.Ref, principal: 'account', action: 'sns:Subscribe' });
    }
  }
  return consumers;
};

const ACCOUNT_ROOT = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };

/** A service principal's grant must say whose requests it takes: aws:SourceAccount or aws:SourceArn. */
const isScopedToThisAccount = (statement: TopicStatement) =>
  Object.values(statement.Condition ?? {}).some((test) =>
    Object.keys(test).some((key) => ['aws:sourceaccount', 'aws:sourcearn'].includes(key.toLowerCase())),
  );

const allows = (statement: TopicStatement, topic: string, principal: string, action: string) => {
  if (statement.Effect !== 'Allow') return false;
  if (![statement.Action ?? []].flat().some((granted) => granted === action || granted === 'sns:*')) return false;
  if (!JSON.stringify([statement.Resource].flat()).includes(JSON.stringify({ Ref: topic }))) return false;
  if (principal === 'account') return JSON.stringify(statement.Principal?.AWS) === JSON.stringify(ACCOUNT_ROOT);
  const services = [statement.Principal?.Service ?? []].flat();
  return services.includes(`${principal}.amazonaws.com`) && isScopedToThisAccount(statement);
};

/**
 * Every alarm action, rule target and subscription that names a topic of this template and is
 * not let in by that topic's one policy. SNS keeps one policy per topic (a second replaces the
 * first), and a topic with a policy has no default one: CloudWatch (alarms) and EventBridge
 * (rules) each need a statement scoped to this account, and subscribing needs the account's own.
 */
export const topicConsumersNotAllowed = (template: Template): string[] =>
  topicConsumersOf(template).flatMap(({ by, topic, principal, action }) => {
    const policies = Object.values(template.Resources).filter(
      (resource) =>
        resource.Type === 'AWS::SNS::TopicPolicy' &&
        JSON.stringify(resource.Properties?.Topics ?? []).includes(JSON.stringify({ Ref: topic })),
    );
    if (policies.length !== 1) return [`${by} → ${topic}: the topic has ${policies.length} policies, not one`];
    const statements = [
      (policies[0]?.Properties?.PolicyDocument as { Statement?: unknown } | undefined)?.Statement ?? [],
    ].flat() as TopicStatement[];
    const who = principal === 'account' ? 'this account' : `${principal}.amazonaws.com (scoped to this account)`;
    return statements.some((statement) => allows(statement, topic, principal, action))
      ? []
      : [`${by} → ${topic}: no statement lets ${who} ${action}`];
  });

/** Each state machine's definition, parsed from its DefinitionString (`${…}` placeholders stay text). */
export const stateMachineDefinitions = (template: Template): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine')
      .map(([id, resource]) => {
        const definition = resource.Properties?.DefinitionString as string | { 'Fn::Sub': string | [string, unknown] };
        const text = typeof definition === 'string' ? definition : [definition['Fn::Sub']].flat()[0];
        return [id, JSON.parse(String(text)) as unknown];
      }),
  );

/** Every name a Retry or Catch of the definition matches, with its state, nested states included. */
export const errorNamesIn = (definition: unknown): { state: string; name: string }[] => {
  type State = {
    Retry?: { ErrorEquals: string[] }[];
    Catch?: { ErrorEquals: string[] }[];
    Branches?: { States: Record<string, State> }[];
    ItemProcessor?: { States: Record<string, State> };
  };
  return Object.entries((definition as { States: Record<string, State> }).States).flatMap(([state, body]) => [
    ...[...(body.Retry ?? []), ...(body.Catch ?? [])].flatMap((rule) =>
      rule.ErrorEquals.map((name) => ({ state, name })),
    ),
    ...[...(body.Branches ?? []), ...(body.ItemProcessor ? [body.ItemProcessor] : [])].flatMap(errorNamesIn),
  ]);
};
