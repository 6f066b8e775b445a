export * from './http-api-handler';
export * from './http-errors';
export * from './http-types';
export * from './identity';
export * from './json-body';
export * from './problem-details';
export * from './request-logging';
