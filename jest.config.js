/**
 * Test tiers (docs/TESTING.md). Each is a Jest project with its own timeout:
 * - unit: one module at a time, in memory (clients mocked); seconds in all.
 * - synth: the whole CDK stack synthesized (the `full` mode also bundles every function and
 *   runs CloudFormation validation); pure, but seconds per file, so not in the unit tier.
 * - integration: the real embedded runtime (HTTP, dynalite, s3rver, engine) on ephemeral ports.
 * - e2e: a user's path through `npm start` as a separate process (test/e2e; empty until the first).
 * - web: the web UI in Debian's Chromium (playwright-core) on the embedded runtime (test/web);
 *   its global setup builds web/dist when the UI's sources changed.
 * Jest runs TypeScript through swc (fast on 2 cores); type checking is `npm run typecheck`.
 */
// The embedded engine's workspace brings its own tiers (engine:unit, engine:integration).
const engine = require('./packages/stepfunctions-local/jest.config.js');

const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // @middy/* ships ES modules only; let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@middy)/)'],
  setupFilesAfterEnv: ['<rootDir>/test/tier-timeout.js'],
};

/** A tier: its folder under test/ and the time one of its tests may take. */
const tier = (name, timeoutMs) => ({
  ...shared,
  displayName: name,
  roots: [`<rootDir>/test/${name}`],
  globals: { TIER_TIMEOUT_MS: timeoutMs },
});

const webTier = {
  ...tier('web', 180_000),
  globalSetup: '<rootDir>/test/web/support/global-setup.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  projects: [tier('unit', 10_000), tier('synth', 60_000), tier('integration', 60_000), tier('e2e', 180_000), webTier, ...engine.projects],
};
