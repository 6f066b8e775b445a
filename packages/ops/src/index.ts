export * from './execution-reader';
export * from './execution-report';
export * from './ops-access';
