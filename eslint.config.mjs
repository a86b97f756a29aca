// The lint gate (`npm run lint`, part of `npm test`): type-aware rules that catch lost promises,
// no focused or skipped tests, and the folder roles of the architecture as import rules.
// Decisions and the rules turned off are explained in docs/DESIGN.md ("Lint and format gate").
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

// Globs are folder-role based, so a new workspace under packages/ is covered without edits here.
const ALL_TS = ['**/*.ts'];
const TESTS = ['test/**/*.ts', 'packages/*/test/**/*.ts'];

// Folder roles (../shared/docs/ARCHITECTURE.md, "Folders"). Each folder gets ONE
// no-restricted-imports entry, because a later entry for the same rule replaces an earlier one.
const cdk = {
  group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'],
  message: 'CDK belongs to infra/ (and its tests in test/unit/infra) only.',
};
const local = {
  group: ['**/local', '**/local/**'],
  message: 'shared/ and functions/ must not know whether they run locally; local/ wires them, not the reverse.',
};
const workflowsCatalog = {
  group: ['**/workflows/catalog'],
  message: 'shared/ takes the service catalog as a dependency (platform deps), not as a module import.',
};
const notFromWorkflows = {
  group: ['**/functions/**', '**/infra/**', '**/local/**', '**/bench/**', '**/test/**', '@aws-sdk/*'],
  message: 'workflows/ holds definitions and the generator; it may import shared/ domain types only.',
};
const restrict = (...patterns) => ['error', { patterns }];

// Files of shared/ that still import the catalog module on this branch. The import shape is
// being changed in parallel (issue 7, item 3); once merged this list must be empty and is deleted.
const CATALOG_IMPORT_EXCEPTIONS = [];

export default tseslint.config(
  {
    ignores: ['node_modules/', '**/node_modules/', 'cdk.out/', '.onething/', '.tmp/', 'coverage/', '**/dist/', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ALL_TS,
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The project service reuses the TypeScript program of the nearest tsconfig.json: one
      // program for the root, one per workspace package, which keeps type-aware lint fast.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'error',
    },
  },
  // Folder roles.
  { files: ['shared/**/*.ts'], ignores: CATALOG_IMPORT_EXCEPTIONS, rules: { 'no-restricted-imports': restrict(cdk, local, workflowsCatalog) } },
  { files: CATALOG_IMPORT_EXCEPTIONS.length ? CATALOG_IMPORT_EXCEPTIONS : ['-none-'], rules: { 'no-restricted-imports': restrict(cdk, local) } },
  { files: ['functions/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk, local) } },
  { files: ['workflows/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk, notFromWorkflows) } },
  { files: ['local/**/*.ts', 'bench/**/*.ts', 'packages/**/*.ts'], rules: { 'no-restricted-imports': restrict(cdk) } },
  { files: TESTS, ignores: ['test/unit/infra/**'], rules: { 'no-restricted-imports': restrict(cdk) } },
  // Programs that talk to a terminal may print.
  { files: ['local/**/*.ts', 'bench/**/*.ts', 'shared/calendar/cli.ts', 'packages/*/bench/**/*.ts'], rules: { 'no-console': 'off' } },
  // Tests: no focused or skipped tests.
  {
    files: TESTS,
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-identical-title': 'error',
      'jest/valid-expect': 'error',
    },
  },
);
