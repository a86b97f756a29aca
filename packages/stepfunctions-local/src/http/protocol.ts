import { SFN_OPERATIONS, SfnError, type JsonObject, type SfnOperation } from '../api-types';
import { SerializationError, UnknownOperationError } from './errors';

/** AWS JSON 1.0 content type: requests carry it and every response uses it. */
export const CONTENT_TYPE = 'application/x-amz-json-1.0';

const TARGET_PREFIX = 'AWSStepFunctions.';
const OPERATIONS: ReadonlySet<string> = new Set(SFN_OPERATIONS);

// Step Functions' own errors live in its service model namespace; protocol-level errors come
// from AWS's RPC layer ("coral"). Clients keep only the part after '#', so both
// `@aws-sdk/client-sfn` and botocore (the AWS CLI) show the bare code.
const SERVICE_NAMESPACE = 'com.amazonaws.swf.service.model.v20120810';
const CORAL_NAMESPACE = 'com.amazon.coral.service';
const CORAL_CODES = new Set([
  'AccessDeniedException',
  'SerializationException',
  'UnknownOperationException',
  'InternalFailure',
  'RequestEntityTooLargeException',
]);

/**
 * Maps `X-Amz-Target` to an operation.
 * @example parseTarget('AWSStepFunctions.StartExecution') // 'StartExecution'
 */
export function parseTarget(target: string | undefined): SfnOperation {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) {
    throw new UnknownOperationError(target);
  }
  const name = target.slice(TARGET_PREFIX.length);
  if (!OPERATIONS.has(name)) throw new UnknownOperationError(target);
  return name as SfnOperation;
}

/** Parses a request body: an empty body means `{}`; anything but a JSON object is rejected. */
export function parseBody(body: Buffer): JsonObject {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new SerializationError(`Request body is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SerializationError('Request body must be a JSON object');
  }
  return parsed as JsonObject;
}

/** The `__type` value of an error body, e.g. `com.amazonaws.swf.service.model.v20120810#InvalidArn`. */
export function errorType(code: string): string {
  return `${CORAL_CODES.has(code) ? CORAL_NAMESPACE : SERVICE_NAMESPACE}#${code}`;
}

/** Serialises an `SfnError` as AWS does: `{"__type": ..., "message": ...}`. */
export function errorBody(err: SfnError): string {
  return JSON.stringify({ __type: errorType(err.code), message: err.message });
}
