// The names Step Functions gives AWS's own failures, as Retry and Catch match them: one table for
// the workflow's definition (a test holds every ErrorEquals to it) and for the local runner, which
// raises the same names so that one Retry/Catch table serves both. Taken from AWS's documentation
// and from executions recorded against AWS (LocalStack's snapshot tests), not from the JS SDK v3,
// whose names differ: Step Functions names a service integration's error after the AWS SDK for
// Java's exception class (`NotFound` is `SNS.NotFoundException`), and an error code that SDK does
// not model after its base class (a DynamoDB ValidationException is DynamoDB.AmazonDynamoDBException).

/** Step Functions' own errors (States.ALL and States.TaskFailed are wildcards; States.Runtime is never caught). */
export const STATES_ERRORS = [
  'States.ALL',
  'States.TaskFailed',
  'States.Timeout',
  'States.HeartbeatTimeout',
  'States.Permissions',
  'States.DataLimitExceeded',
  'States.Runtime',
  'States.BranchFailed',
  'States.NoChoiceMatched',
  'States.IntrinsicFailure',
  'States.ResultPathMatchFailure',
  'States.ExceedToleratedFailureThreshold',
] as const;

/**
 * A Lambda task whose invocation failed in the Lambda service (AWS's recommended retrier names the
 * first four), and what the function itself cannot report: running past its own timeout
 * (Sandbox.Timedout, the runtime's errorType) or dying otherwise (Lambda.Unknown). An error the
 * handler throws reaches the workflow under its own name (the step errors).
 */
export const LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'Lambda.ResourceNotFoundException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
] as const;

/** The Java exception class Step Functions names a DynamoDB error code after (optimized integration). */
const DYNAMODB_EXCEPTIONS: Readonly<Record<string, string>> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailedException',
  ResourceNotFoundException: 'ResourceNotFoundException',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceededException',
  RequestLimitExceeded: 'RequestLimitExceededException',
  // DynamoDB's throttling guide lists ThrottlingException among the Java SDK's throttling errors.
  ThrottlingException: 'ThrottlingException',
  InternalServerError: 'InternalServerErrorException',
  TransactionConflictException: 'TransactionConflictException',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceededException',
};

/** The same for SNS Publish (its modeled errors). */
const SNS_EXCEPTIONS: Readonly<Record<string, string>> = {
  NotFound: 'NotFoundException',
  InvalidParameter: 'InvalidParameterException',
  ParameterValueInvalid: 'InvalidParameterValueException',
  AuthorizationError: 'AuthorizationErrorException',
  InternalError: 'InternalErrorException',
  Throttled: 'ThrottledException',
  KMSThrottling: 'KMSThrottlingException',
};

const SERVICES = {
  DynamoDB: { exceptions: DYNAMODB_EXCEPTIONS, base: 'AmazonDynamoDBException', javaServiceName: 'AmazonDynamoDBv2' },
  SNS: { exceptions: SNS_EXCEPTIONS, base: 'AmazonSNSException', javaServiceName: 'AmazonSNS' },
} as const;
export type IntegratedService = keyof typeof SERVICES;

/** Every name a service integration's failure can reach the workflow under. */
export const INTEGRATION_ERRORS: readonly string[] = Object.entries(SERVICES).flatMap(
  ([service, { exceptions, base }]) =>
    [...new Set([...Object.values(exceptions), base])].map((exception) => `${service}.${exception}`),
);

/** AWS's own error names a Retry or Catch may match. */
export const AWS_ERROR_NAMES: ReadonlySet<string> = new Set([
  ...STATES_ERRORS,
  ...LAMBDA_ERRORS,
  ...INTEGRATION_ERRORS,
]);

/** A service's error as the integration reports it: the name Retry/Catch match, and the cause text. */
export const integrationError = (
  service: IntegratedService,
  failure: { code: string; message: string; statusCode: number; requestId: string },
): { name: string; cause: string } => {
  const { exceptions, base, javaServiceName } = SERVICES[service];
  return {
    name: `${service}.${exceptions[failure.code] ?? base}`,
    cause: `${failure.message} (Service: ${javaServiceName}; Status Code: ${failure.statusCode}; Error Code: ${failure.code}; Request ID: ${failure.requestId}; Proxy: null)`,
  };
};
