/**
 * Lambda integrations: handlers registered in-process by function name, invoked with a
 * Lambda-like context. Results and errors are shaped as Step Functions reports them.
 */
import { randomUUID } from 'node:crypto';
import { TaskFailure } from './errors';

export interface LambdaContext {
  functionName: string;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** Default Lambda timeout when the Task sets none (AWS's maximum, 15 minutes). */
const DEFAULT_TIMEOUT_MS = 900_000;

/** `name`, `name:qualifier`, a function ARN or a partial ARN → the function name. */
export function functionNameOf(reference: string): string {
  const arn = /^arn:[^:]+:lambda:[^:]*:\d{12}:function:([^:]+)(?::[^:]+)?$/.exec(reference);
  if (arn?.[1]) return arn[1];
  const partial = /^\d{12}:function:([^:]+)(?::[^:]+)?$/.exec(reference);
  if (partial?.[1]) return partial[1];
  return reference.split(':')[0] ?? reference;
}

/** Invokes registered handlers by function name, with a Lambda-like context. */
export function createLambdaInvoker(handlers: Map<string, LambdaHandler>, now: () => number) {
  /** Invokes `functionName` with a JSON copy of `event`; returns its JSON result. */
  async function invoke(reference: string, event: unknown, timeoutSeconds?: number): Promise<{ payload: unknown; requestId: string }> {
    const functionName = functionNameOf(reference);
    const handler = handlers.get(functionName);
    if (!handler) {
      throw new TaskFailure(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${reference} (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`,
      );
    }
    const requestId = randomUUID();
    // A function runs 15 minutes at most whatever the Task's timeout (a waitForTaskToken wait
    // may last weeks): a longer "remaining time" would also overflow middy's setTimeout.
    const deadline = now() + Math.min(timeoutSeconds ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    const context: LambdaContext = { functionName, awsRequestId: requestId, getRemainingTimeInMillis: () => Math.max(0, deadline - now()) };
    try {
      const result = await handler(JSON.parse(JSON.stringify(event ?? null)), context);
      return { payload: JSON.parse(JSON.stringify(result ?? null)), requestId };
    } catch (err) {
      throw handlerFailure(err);
    }
  }
  return { invoke };
}

/** An unhandled error: Error = its type, Cause = Lambda's JSON error document. */
export function handlerFailure(err: unknown): TaskFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  const errorType = e.name || 'Error';
  const stackTrace = (e.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter(Boolean);
  return new TaskFailure(errorType, JSON.stringify({ errorMessage: e.message, errorType, stackTrace }));
}

/** The `lambda:invoke` result document (Payload plus the SDK metadata AWS returns). */
export function invokeResult(payload: unknown, requestId: string, at: Date): Record<string, unknown> {
  const length = String(Buffer.byteLength(JSON.stringify(payload)));
  const date = at.toUTCString();
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': length,
    'Content-Type': 'application/json',
    Date: date,
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
