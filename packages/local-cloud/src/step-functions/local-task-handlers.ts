import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { integrationError, type IntegratedService } from './aws-error-names';
import { UnsupportedDefinitionError } from './render-definition';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type TaskHandler = (input: Json) => Promise<Json>;

export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly messageId: string;
  readonly publishedAt: string;
}

/**
 * Where `arn:aws:states:::sns:publish` goes locally. A topic exists once created (the local
 * workflow creates its stage's topics, as CloudFormation would); SNS's refusals are thrown as
 * {@link ServiceFailure}s with SNS's error codes.
 */
export interface LocalTopics {
  createTopic(topicArn: string): void;
  publish(message: { TopicArn: string; Subject?: string; Message: unknown }): Promise<{ MessageId: string }>;
}

/** An HTTP endpoint on loopback that SNS delivers a topic's messages to. */
export interface TopicSubscription {
  readonly subscriptionArn: string;
  readonly topicArn: string;
  readonly protocol: 'http' | 'https';
  readonly endpoint: string;
}

/** What SNS's API reads and changes besides Publish: the topics and their subscriptions. */
export interface TopicAdministration {
  topicArns(): readonly string[];
  /** Throws ServiceFailure (NotFound, InvalidParameter) where SNS would refuse. */
  subscribe(request: { topicArn: string; protocol: string; endpoint: string }): TopicSubscription;
  subscriptionsOf(topicArn: string): readonly TopicSubscription[];
}

/** A local stand-in's refusal, as the AWS service would answer: its error code and HTTP status. */
export class ServiceFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** Where a Lambda task goes locally: the deployed function's handler, by function name. */
export interface LocalLambdas {
  invoke(functionName: string, payload: Json): Promise<Json>;
}

export interface LocalServices {
  readonly lambdas: LocalLambdas;
  readonly dynamodb: DynamoDBClient;
  readonly topics: LocalTopics;
}

/** An error as Step Functions reports it: `name` is the error Retry/Catch match, `message` the cause. */
export class TaskError extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

const DYNAMODB_COMMANDS = {
  getItem: GetItemCommand,
  putItem: PutItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

interface AwsSdkError {
  readonly name: string;
  readonly message: string;
  readonly $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** A failed call to a local service, named and described as the Step Functions integration would. */
const asIntegrationError = (service: IntegratedService, error: unknown): TaskError => {
  const failure =
    error instanceof ServiceFailure
      ? { code: error.code, message: error.message, statusCode: error.statusCode, requestId: randomUUID() }
      : {
          code: (error as AwsSdkError).name,
          message: (error as AwsSdkError).message,
          // No HTTP answer at all (the local service is down): what the SDK reports as a 500.
          statusCode: (error as AwsSdkError).$metadata?.httpStatusCode ?? 500,
          requestId: (error as AwsSdkError).$metadata?.requestId ?? randomUUID(),
        };
  const { name, cause } = integrationError(service, failure);
  return new TaskError(name, cause);
};

const dynamoDbTask =
  (client: DynamoDBClient, action: keyof typeof DYNAMODB_COMMANDS): TaskHandler =>
  async (input) => {
    try {
      // The state's Parameters are the API request, as the service integration sends them.
      const Command = DYNAMODB_COMMANDS[action] as new (request: never) => UpdateItemCommand;
      const { $metadata: _metadata, ...output } = await client.send(new Command(input as never));
      return JSON.parse(JSON.stringify(output)) as Json;
    } catch (error) {
      throw asIntegrationError('DynamoDB', error);
    }
  };

const snsPublishTask =
  (topics: LocalTopics): TaskHandler =>
  async (input) => {
    try {
      return (await topics.publish(input as never)) as unknown as Json;
    } catch (error) {
      throw asIntegrationError('SNS', error);
    }
  };

const handlerFor = (resource: string, services: LocalServices): TaskHandler | undefined => {
  const lambdaName = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)$/.exec(resource)?.[1];
  if (lambdaName) return (input) => services.lambdas.invoke(lambdaName, input);
  const dynamoDbAction = /^arn:aws:states:::dynamodb:(\w+)$/.exec(resource)?.[1];
  if (dynamoDbAction && dynamoDbAction in DYNAMODB_COMMANDS) {
    return dynamoDbTask(services.dynamodb, dynamoDbAction as keyof typeof DYNAMODB_COMMANDS);
  }
  if (resource === 'arn:aws:states:::sns:publish') return snsPublishTask(services.topics);
  return undefined;
};

interface StateLike {
  readonly Type?: string;
  readonly Resource?: string;
  readonly Retry?: unknown;
  readonly TimeoutSeconds?: number;
  readonly Branches?: readonly { States: Record<string, StateLike> }[];
  readonly ItemProcessor?: { States: Record<string, StateLike> };
  readonly Iterator?: { States: Record<string, StateLike> };
}

/** Every state of the machine by name, nested ones (Parallel branches, Map processors) included. */
export const allStates = (definition: unknown): [string, StateLike][] => {
  const states = (definition as { States: Record<string, StateLike> }).States;
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, StateLike],
    ...[...(state.Branches ?? []), ...[state.ItemProcessor ?? state.Iterator].filter((x) => x !== undefined)].flatMap(
      (nested) => allStates(nested),
    ),
  ]);
};

/**
 * One local handler per Task state (aws-local-stepfunctions overrides tasks by state name): the
 * Lambda, DynamoDB and SNS integrations the workflow uses, carried out against the local services.
 * A resource the local stack cannot serve is an error now, not a call to AWS later.
 */
export const localTaskHandlers = (definition: unknown, services: LocalServices): Record<string, TaskHandler> =>
  Object.fromEntries(
    allStates(definition)
      .filter(([, state]) => state.Type === 'Task')
      .map(([name, state]) => {
        const handler = handlerFor(String(state.Resource), services);
        if (!handler)
          throw new UnsupportedDefinitionError(`Task ${name}: the local stack cannot run ${state.Resource}`);
        return [name, handler];
      }),
  );
