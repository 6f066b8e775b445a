export * from './step-handler';
export * from './environment';
