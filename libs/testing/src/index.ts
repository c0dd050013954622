export * from './isolation';
export * from './test-bus';
