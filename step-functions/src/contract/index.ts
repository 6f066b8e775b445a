// The contract between the workflow's states and its step Lambdas. The handlers validate their
// input with these schemas; step-functions/src/order-workflow-definition.test.ts holds every
// state's Parameters and ResultSelector to them, so the ASL and the handlers cannot drift.
export * from './book-shipment';
export * from './order-steps';
export * from './workflow-input';
