// The local cloud: what `npm start` runs, and what the tests and the benchmark run the platform
// on. Everything an entry point or a test needs is exported here, by name.
export * from './local-platform';
export {
  DEFAULT_DATA_DIR,
  LOCAL_TABLES,
  startLocalServices,
  type InterposedEndpoint,
  type LocalServices,
  type LocalServicesOptions,
} from './local-services';
export { createExecutionStore, type ExecutionStore, type StoredExecution } from './step-functions/execution-store';
export type { ExecutionRecord, RestoredExecutions } from './step-functions/local-executions';
export * from './ports';
export type { ScheduledFunctions, ScheduledRun } from './scheduled/scheduled-functions';
export { scheduledRunLines } from './scheduled/scheduled-run-lines';
export * from './repo-root';
export * from './identity/local-identity';
export * from './step-functions/aws-error-names';
export {
  allStates,
  localTaskHandlers,
  TaskError,
  type Json,
  type PublishedMessage,
} from './step-functions/local-task-handlers';
export { eventBusesOf, startLocalEventBridge } from './events/local-event-bridge';
export type { PutEvent } from './events/local-event-buses';
export { createLocalWorkflow, type ExecutionOptions, type LocalWorkflow } from './step-functions/local-workflow';
export { recordingTopics } from './step-functions/recording-topics';
export { renderDefinition, UnsupportedDefinitionError } from './step-functions/render-definition';
export {
  runLocalExecution,
  type LocalExecutionEvent,
  type LocalExecutionResult,
} from './step-functions/run-local-execution';
export { loadServiceDefinition, type ServiceDefinition } from './step-functions/service-definition';
export {
  alertLine,
  closedExecutionLine,
  DEFAULT_GRACE_SECONDS,
  parseStartArguments,
  readyBanner,
  restoredLines,
  stoppedLine,
  stoppingLine,
  type StartArguments,
} from './start/start-command';
export { stopGracefully } from './start/graceful-stop';
export {
  processIsAlive,
  readStackFile,
  removeStackFile,
  stackFilePath,
  tokenTargetLine,
  writeStackFile,
  type RunningStack,
} from './start/stack-file';
export { LOCAL_PAYMENT_PROVIDERS, LOCAL_STRIPE_SECRET_KEY, type LocalPaymentProvider } from './payments/local-payments';
