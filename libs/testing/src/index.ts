export * from './isolation';
export * from './test-bus';
export * from './service-harness';
