// The contract between the workflow's states and its step Lambdas: what an execution starts
// with, what each step takes and answers. The handlers validate their input with these schemas;
// workflow-contract.test.ts holds every state's Parameters and ResultSelector to them (steps.ts),
// so the ASL and the handlers cannot drift. The steps read everything else from the order record.
//
// One module per group of steps, re-exported here: a step's bundle builds the schemas of the
// modules it imports, and esbuild cannot drop an unused zod schema from a module it includes
// (every step building every schema of the contract cost ~30% of its cold import). Each
// module holds the schemas of the steps named in its comment.

export * from './contract/order-step';
export * from './contract/order-items-step';
export * from './contract/payment';
export * from './contract/procurement';
export * from './contract/release-stock';
export * from './contract/failure';
export * from './contract/cancellation';
export * from './contract/milestone-recording';
export * from './contract/workflow-input';
export * from './contract/workflow-input-for';
export * from './contract/dispatch';
export * from './contract/shipment';
export * from './contract/payment-capture';
