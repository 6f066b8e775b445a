import type { ServiceDefinition } from './service-definition';

/** The account id local ARNs carry (no AWS account is involved). */
export const LOCAL_ACCOUNT_ID = '000000000000';

export class UnsupportedDefinitionError extends Error {}

const capitalized = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

const topicArn = (service: ServiceDefinition, properties: Readonly<Record<string, unknown>>) =>
  `arn:aws:sns:${service.region}:${LOCAL_ACCOUNT_ID}:${String(properties.TopicName)}`;

/** The ARN of every SNS topic the stage's resources declare, as CloudFormation would create them here. */
export const topicArnsOf = (service: ServiceDefinition): string[] =>
  Object.values(service.resources)
    .filter((resource) => resource.Type === 'AWS::SNS::Topic')
    .map((resource) => topicArn(service, resource.Properties ?? {}));

/**
 * Replaces the CloudFormation intrinsics in a state machine definition with what CloudFormation
 * would put there on this stage: `!GetAtt <Fn>LambdaFunction.Arn` becomes the function's ARN,
 * `!Ref` of a topic its ARN and of a table its name. Anything else is an error, never a guess.
 */
export const renderDefinition = (service: ServiceDefinition, definition: unknown): unknown => {
  const functionArnOf = (logicalId: string): string => {
    const key = Object.keys(service.functions).find((name) => `${capitalized(name)}LambdaFunction` === logicalId);
    if (!key) throw new UnsupportedDefinitionError(`!GetAtt ${logicalId}.Arn names no function in serverless.yml`);
    return `arn:aws:lambda:${service.region}:${LOCAL_ACCOUNT_ID}:function:${service.functions[key]?.name}`;
  };
  const refOf = (logicalId: string): string => {
    const resource = service.resources[logicalId];
    const properties = resource?.Properties ?? {};
    if (resource?.Type === 'AWS::SNS::Topic') return topicArn(service, properties);
    if (resource?.Type === 'AWS::DynamoDB::Table') return String(properties.TableName);
    throw new UnsupportedDefinitionError(`!Ref ${logicalId} is not a topic or table the local stack knows`);
  };

  const render = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(render);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    const [only] = entries;
    if (entries.length === 1 && only && only[0].startsWith('Fn::') && only[0] !== 'Fn::GetAtt') {
      throw new UnsupportedDefinitionError(`${only[0]} is not supported in the workflow definition`);
    }
    if (entries.length === 1 && only?.[0] === 'Fn::GetAtt') {
      const [logicalId, attribute] = only[1] as [string, string];
      if (attribute !== 'Arn')
        throw new UnsupportedDefinitionError(`!GetAtt ${logicalId}.${attribute} is not supported`);
      return functionArnOf(logicalId);
    }
    if (entries.length === 1 && only?.[0] === 'Ref') return refOf(String(only[1]));
    return Object.fromEntries(entries.map(([key, inner]) => [key, render(inner)]));
  };
  return render(definition);
};

/**
 * Features aws-local-stepfunctions does not run. It would ignore them silently (a JSONata Choice
 * falls to its Default), so the local stack refuses the definition instead.
 */
export const assertRunnableLocally = (definition: unknown): void => {
  const problems: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'QueryLanguage' && inner === 'JSONata') problems.push(`${path}: JSONata`);
      if (key === 'Assign') problems.push(`${path}: variables (Assign)`);
      if (key === 'Resource' && typeof inner === 'string' && /\.(waitForTaskToken|sync(:2)?)$/.test(inner)) {
        problems.push(`${path}: ${inner.endsWith('waitForTaskToken') ? 'task tokens' : '.sync integrations'}`);
      }
      visit(inner, `${path}.${key}`);
    }
  };
  visit(definition, '$');
  if (problems.length > 0) {
    throw new UnsupportedDefinitionError(`The workflow uses what the local stack cannot run: ${problems.join('; ')}`);
  }
};
