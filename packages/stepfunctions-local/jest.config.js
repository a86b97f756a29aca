/**
 * The engine's tests in two tiers: `unit` (pure modules: expressions, definitions, the HTTP
 * protocol, store writes in an in-memory sqlite) and `integration` (an engine on disk, in
 * process or over HTTP, child processes, dynalite, the AWS CLI). The root jest config spreads
 * `projects` into its own, so `npm test` at the root runs these too.
 */
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};

/** One tier: its own folder and its own per-test timeout (set in test/support/tiers/<name>.js). */
const tier = (name) => ({
  displayName: `engine:${name}`,
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  testEnvironment: 'node',
  transform,
  setupFilesAfterEnv: [`<rootDir>/test/support/tiers/${name}.js`],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [tier('unit'), tier('integration')],
};
