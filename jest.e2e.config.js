/**
 * The browser suite (npm run test:e2e): the built admin panel in Debian's chromium. Apart from
 * `npm test` because it needs the admin build (npm run build) and a browser.
 */
const tsJest = ['ts-jest', { tsconfig: 'tests/tsconfig.json' }];

module.exports = {
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.js',
  testTimeout: 180000,
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
