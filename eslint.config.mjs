// The lint gate (`npm run lint`, part of `npm test`): type-aware rules that catch lost promises,
// no focused or skipped tests, and the folder roles of the architecture as import rules.
// Which recommended rules are off, and why: docs/DESIGN.md, "Lint and format gate".
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

// Globs follow folder roles, so a workspace under packages/ is covered without edits here.
const TESTS = ['test/**/*.ts', 'packages/*/test/**/*.ts'];
// Code that handles untyped wire or test payloads (HTTP bodies, engine JSON) as `any`.
const UNTYPED_PAYLOADS = [...TESTS, 'local/**/*.ts', 'bench/**/*.ts', 'packages/**/*.ts'];

// Folder roles (../shared/docs/ARCHITECTURE.md, "Folders"). Each folder gets ONE
// no-restricted-imports entry, because a later entry for the same rule replaces an earlier one.
const CDK_PACKAGES = ['aws-cdk-lib', 'constructs', 'cdk-nag'];
const CDK_MESSAGE = 'CDK belongs to infra/ (and its tests in test/unit/infra and test/synth) only.';
const cdk = { group: CDK_PACKAGES.map((name) => `${name}/*`), message: CDK_MESSAGE };
const local = {
  group: ['**/local', '**/local/**'],
  message: 'shared/ and functions/ must not know whether they run locally: local/ wires them, not the reverse.',
};
const workflowsCatalog = {
  group: ['**/workflows/catalog'],
  message: 'shared/ takes the service catalog as a dependency (the platform deps), not as a module import.',
};
const beyondSharedTypes = {
  group: [
    '**/functions',
    '**/functions/**',
    '**/infra',
    '**/infra/**',
    '**/local',
    '**/local/**',
    '**/bench/**',
    '**/test/**',
    '@aws-sdk/*',
  ],
  message: 'workflows/ holds definitions and the generator: it may import shared/ domain types only.',
};
const restrict = (...patterns) => ['error', { paths: CDK_PACKAGES.map((name) => ({ name, message: CDK_MESSAGE })), patterns }];

export default tseslint.config(
  { ignores: ['**/node_modules/', 'cdk.out/', '.onething/', '.tmp/', 'coverage/', '**/dist/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The project service reuses the TypeScript program of the nearest tsconfig.json: one
      // program for the root, one per workspace package.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `async` without `await` is deliberate: it implements an async interface and turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // String(value) on unknown JSON is how error messages are built on purpose.
      '@typescript-eslint/no-base-to-string': 'off',
      // A closure that reads a variable assigned later (a port known after start) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-console': 'error',
    },
  },
  {
    files: UNTYPED_PAYLOADS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  // Folder roles.
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk, local, workflowsCatalog) } },
  { files: ['functions/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk, local) } },
  { files: ['workflows/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk, beyondSharedTypes) } },
  {
    files: ['local/**/*.ts', 'bench/**/*.ts', 'packages/**/*.ts', ...TESTS],
    ignores: ['test/unit/infra/**', 'test/synth/**'],
    rules: { 'no-restricted-imports': restrict(cdk) },
  },
  // Programs that talk to a terminal may print (the runtime, the engine emulator, benchmarks); so may tests (one summary line).
  {
    files: ['local/**/*.ts', 'bench/**/*.ts', 'packages/**/*.ts', 'shared/calendar/cli.ts', 'web/scripts/**/*.ts', ...TESTS],
    rules: { 'no-console': 'off' },
  },
  {
    files: TESTS,
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
      // expect(mock.method) is how jest mocks are asserted.
      '@typescript-eslint/unbound-method': 'off',
      // Test messages interpolate JSON values, possibly undefined, on purpose.
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  // The web UI (web/): Vue single-file components are checked by eslint-plugin-vue's essential
  // rules (errors, not layout: prettier formats) and typescript-eslint's syntax-level rules;
  // their types are checked by vue-tsc (`npm run typecheck:web`), which understands templates.
  ...vue.configs['flat/essential'].map((c) => ({ ...c, files: ['web/src/**/*.vue'] })),
  {
    files: ['web/src/**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
      globals: globals.browser,
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...tseslint.configs.eslintRecommended.rules,
      ...Object.assign({}, ...tseslint.configs.recommended.map((c) => c.rules ?? {})),
      'no-console': 'error',
      // Pages are named by what they show (CatalogPage, TaskPage); single words are fine there.
      'vue/multi-word-component-names': 'off',
    },
  },
  { files: ['web/src/**/*.ts', 'web/src/**/*.vue'], languageOptions: { globals: { ...globals.browser, __ONETHING_TARGET__: 'readonly' } } },
  // The generated API types are openapi-typescript's output.
  { ignores: ['web/src/api/schema.d.ts'] },
);
