export * from './isolation';
export * from './test-bus';
export * from './service-harness';
export * from './eventually';
export * from './domain-event.fixture';
