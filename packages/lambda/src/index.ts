export * from './step-handler';
export * from './environment';
export * from './step-inputs';
export * from './logger';
export * from './embedded-metrics';
