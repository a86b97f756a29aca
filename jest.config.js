/** Jest runs TypeScript through swc (fast on 2 cores); type checking is `npm run typecheck`. */
// The embedded engine's workspace brings its own tiers (unit, integration) as projects.
const engine = require('./packages/stepfunctions-local/jest.config.js');

/** @type {import('jest').Config} */
const app = {
  displayName: 'app',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // @middy/* ships ES modules only; let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [app, ...engine.projects],
  testTimeout: 60000,
  maxWorkers: 2,
};
