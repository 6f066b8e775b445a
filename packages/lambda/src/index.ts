export * from './step-handler';
export * from './environment';
export * from './step-inputs';
