/**
 * Names and patterns that more than one layer uses (shared/, functions/, local/, infra/):
 * each rule is written here once, and every layer imports it. Values are fixed by the API
 * contract (docs/HTTP-API.md) and by the deployed names; changing one changes them everywhere.
 */
import type { Role } from './auth/principal';

/** Every physical name (tables, bucket, functions, state machines) starts with this. */
export const NAME_PREFIX = 'onething';

/** `onething-<x>`: a deployed function, a state machine (`<x>` = service id), a table. */
export const physicalName = (name: string): string => `${NAME_PREFIX}-${name}`;

/** The tables and the materials bucket: the local runtime's names, and the CDK app's. */
export const RESOURCE_NAMES = {
  main: physicalName('main'),
  audit: physicalName('audit'),
  materials: physicalName('materials'),
} as const;

/** The environment the handlers read (shared/config.ts), set by the CDK app and the local runtime. */
export const ENV_NAMES = {
  local: 'ONETHING_LOCAL',
  dynamodbPort: 'ONETHING_DYNAMODB_PORT',
  s3Port: 'ONETHING_S3_PORT',
  sfnPort: 'ONETHING_SFN_PORT',
  tableName: 'TABLE_NAME',
  auditTableName: 'AUDIT_TABLE_NAME',
  materialsBucket: 'MATERIALS_BUCKET',
  stateMachineArnPrefix: 'STATE_MACHINE_ARN_PREFIX',
  region: 'AWS_REGION',
  cursorSecret: 'CURSOR_SECRET',
} as const;

/** A department id (officer claim, path parameter, step input, task id): kebab-case, at most 40. */
export const DEPARTMENT_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** A task id as issued (`T` + base64url of `<appId>:<dept>`, shared/applications/ids.ts). */
export const TASK_ID_PATTERN = /^T[A-Za-z0-9_-]{4,200}$/;

/** The `Idempotency-Key` header: printable ASCII without spaces, so UUIDs, ULIDs and random tokens fit. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_KEY_RULE = 'Must be 1-255 printable ASCII characters without spaces';

/** Applicants (and proxies) submit and act on the applications they submitted. */
export const APPLICANT_ROLES = ['citizen', 'proxy'] as const satisfies readonly Role[];
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

/** Roles that may read an application: its applicant, officers of its departments, inspectors. */
export const READER_ROLES = [...APPLICANT_ROLES, 'officer', 'inspector'] as const satisfies readonly Role[];

/** Whether a role is an applicant's (narrows the type). */
export const isApplicantRole = (role: Role): role is ApplicantRole => (APPLICANT_ROLES as readonly Role[]).includes(role);
