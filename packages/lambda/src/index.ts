export * from './step-handler';
export * from './environment';
export * from './logger';
export * from './embedded-metrics';
export * from './sandbox-pause';
