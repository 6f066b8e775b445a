export * from './loopback-guard';
export * from './loopback-server';
