export default {
  displayName: 'gateway-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // One platform (identity + gateway) booted for the whole e2e run; test files share it.
  globalSetup: '<rootDir>/src/support/global-setup.js',
  globalTeardown: '<rootDir>/src/support/global-teardown.js',
  testTimeout: 30000,
};
