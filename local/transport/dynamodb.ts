/**
 * DynamoDB without a socket: an SDK `requestHandler` that runs each signed request through
 * dynalite's own request checks, validations and actions on the store its HTTP server uses, and
 * answers with the JSON body and status dynalite's server writes (errors included, e.g.
 * `ConditionalCheckFailedException` with its message), so the SDK's deserialiser and retry
 * logic see exactly what they see over HTTP. What is skipped: TCP, HTTP parsing on both sides,
 * the CRC32 of the body and the random request id.
 */
import { bodyText, headerOf, sdkRequestHandler, type SdkRequestHandler } from './sdk-handler';

// dynalite has no type declarations; these are the parts of it the handler calls.
interface DynaliteError {
  statusCode: number;
  body: Record<string, unknown>;
}
type Action = (store: DynaliteStore, data: unknown, cb: (err: unknown, data?: unknown) => void) => void;
interface ActionValidation {
  types: unknown;
  custom?: unknown;
}
/** The LevelDB-backed store dynalite's server holds (exposed by patches/dynalite+4.0.0.patch). */
export type DynaliteStore = object;
interface Validations {
  toLowerFirst(name: string): string;
  checkTypes(data: unknown, types: unknown): unknown;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteStore): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validations = require('dynalite/validations') as Validations;

/** The operations dynalite serves (its index.js `validOperations`). */
const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
] as const;
const API_VERSIONS = new Set(['DynamoDB_20111205', 'DynamoDB_20120810']);
const CONTENT_TYPES = new Set(['application/json', 'application/x-amz-json-1.0']);

const handlers = new Map<string, { action: Action; validation: ActionValidation }>(
  OPERATIONS.map((op) => {
    const name = validations.toLowerFirst(op);
    /* eslint-disable @typescript-eslint/no-require-imports */
    const action = require(`dynalite/actions/${name}`) as Action;
    const validation = require(`dynalite/validations/${name}`) as ActionValidation;
    /* eslint-enable @typescript-eslint/no-require-imports */
    return [op, { action, validation }];
  }),
);

const isDynaliteError = (err: unknown): err is DynaliteError =>
  typeof err === 'object' && err !== null && typeof (err as DynaliteError).statusCode === 'number';

/** How the in-process answer treats a request without a SigV4 `Authorization` header. */
export interface DynamoDbAnswerOptions {
  /**
   * Answer it instead of refusing it as dynalite's server does (`MissingAuthenticationTokenException`):
   * for the runtime's own clients, which skip signing because their requests never leave the
   * process (shared/aws/local-client-options.ts). dynalite's port keeps refusing. @default false
   */
  acceptUnsigned?: boolean;
}

/**
 * @param onInternalError sees what dynalite's server would have thrown (a bug, not a DynamoDB
 * error); the SDK then gets a 500 `InternalFailure` and retries like any 5xx.
 */
export function createInProcessDynamoDbHandler(
  store: DynaliteStore,
  onInternalError: (err: unknown) => void = (err) => console.error('[dynamodb/in-process] internal error', err),
  options: DynamoDbAnswerOptions = {},
): SdkRequestHandler {
  return dynamoDbRequestHandler((request) => answerDynamoDbRequest(store, request, onInternalError, options));
}

/** What dynalite answers to one request: the status and the JSON text of its body. */
export interface DynamoDbAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** The SDK-facing side: the request as text in, dynalite's answer as the SDK's response out. */
export function dynamoDbRequestHandler(answer: (request: DynamoDbRequest) => Promise<DynamoDbAnswer>): SdkRequestHandler {
  let sequence = 0;
  return sdkRequestHandler(async (request) => {
    const { status, body, contentType } = await answer({ method: request.method, headers: request.headers, body: bodyText(request.body) });
    return {
      statusCode: status,
      headers: {
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(body)),
        'x-amzn-requestid': `INPROCESS${(sequence++).toString(36).toUpperCase().padStart(43, '0')}`,
      },
      body: Buffer.from(body),
    };
  });
}

/** A request as dynalite's checks read it (plain data: it also crosses to a worker thread). */
export interface DynamoDbRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** The only headers `answer` reads: a request crossing to the worker thread carries just these. */
const READ_HEADERS = ['content-type', 'x-amz-target', 'authorization'] as const;

/** The request with only the headers the answer reads (fewer strings to clone across threads). */
export function withReadHeadersOnly(request: DynamoDbRequest): DynamoDbRequest {
  const headers: Record<string, string> = {};
  for (const name of READ_HEADERS) {
    const value = headerOf(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  return { method: request.method, headers, body: request.body };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  contentType: string;
}

export async function answerDynamoDbRequest(
  store: DynaliteStore,
  request: DynamoDbRequest,
  onInternalError: (err: unknown) => void,
  options: DynamoDbAnswerOptions = {},
): Promise<DynamoDbAnswer> {
  const { status, body, contentType } = await answer(store, request, onInternalError, options);
  return { status, contentType, body: JSON.stringify(body) };
}

/** dynalite's httpHandler (index.js) from the body on, in the same order of checks. */
async function answer(
  store: DynaliteStore,
  request: DynamoDbRequest,
  onInternalError: (err: unknown) => void,
  options: DynamoDbAnswerOptions,
): Promise<Answer> {
  const text = request.body;
  const requestType = (headerOf(request.headers, 'content-type') ?? '').split(';')[0]!.trim();
  const contentType = requestType === 'application/x-amz-json-1.0' ? requestType : 'application/json';
  const fail = (status: number, body: Record<string, unknown>): Answer => ({ status, body, contentType });
  if (request.method !== 'POST' || (text && !CONTENT_TYPES.has(requestType)))
    return fail(404, { __type: 'com.amazon.coral.service#UnknownOperationException' });

  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      return fail(400, { __type: 'com.amazon.coral.service#SerializationException' });
    }
  }
  const target = (headerOf(request.headers, 'x-amz-target') ?? '').split('.');
  const handler = target.length === 2 && API_VERSIONS.has(target[0]!) ? handlers.get(target[1]!) : undefined;
  if (!handler) return fail(400, { __type: 'com.amazon.coral.service#UnknownOperationException' });
  // A signing SDK client always sends one; dynalite checks only that a SigV4 header is there, so
  // does this, unless the caller's clients deliberately do not sign (options.acceptUnsigned).
  const auth = headerOf(request.headers, 'authorization');
  if (auth === undefined ? options.acceptUnsigned !== true : auth.trim().slice(0, 5) !== 'AWS4-')
    return fail(400, {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  if (!text) return fail(400, { __type: 'com.amazon.coral.service#SerializationException' });

  try {
    data = validations.checkTypes(data, handler.validation.types);
    validations.checkValidations(data, handler.validation.types, handler.validation.custom, store);
  } catch (err) {
    if (isDynaliteError(err)) return fail(err.statusCode, err.body);
    onInternalError(err);
    return fail(500, { __type: 'com.amazon.coral.service#InternalFailure' });
  }
  return new Promise<Answer>((resolve) => {
    try {
      handler.action(store, data, (err, result) => {
        if (isDynaliteError(err)) return resolve(fail(err.statusCode, err.body));
        if (err) {
          onInternalError(err);
          return resolve(fail(500, { __type: 'com.amazon.coral.service#InternalFailure' }));
        }
        resolve({ status: 200, body: result as Record<string, unknown>, contentType });
      });
    } catch (err) {
      onInternalError(err);
      resolve(fail(500, { __type: 'com.amazon.coral.service#InternalFailure' }));
    }
  });
}
