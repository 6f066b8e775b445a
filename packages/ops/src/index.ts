export * from './execution-reader';
export * from './execution-report';
