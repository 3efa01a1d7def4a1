// Tests run the TypeScript sources through SWC as CommonJS: fast, and no experimental VM modules.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  // fhir-kit-client 2 and cookie (under light-my-request) ship ES modules only: they are compiled like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(fhir-kit-client|cookie)/)'],
  moduleNameMapper: { '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js' },
  moduleFileExtensions: ['ts', 'js', 'json', 'cjs', 'mjs'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  // Starting an app (definitions, PGlite, security tables, demo clients) takes 5–10 s alone, and over 30 s in a
  // beforeAll on a CI machine busy with the other worker; a hung test still fails, later.
  testTimeout: 120000,
};
