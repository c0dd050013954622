export default {
  displayName: 'deploy',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/__tests__/**/*.spec.ts'],
};
