/** The Lambda side of the integration: loading handler modules and the context they are invoked with. */
import path from 'node:path';
import type { Context } from 'aws-lambda';
import type { RouteSpec } from '../../functions/routes';
import type { LambdaHttpHandler } from './types';
import { physicalName } from '../../shared/names';

// API Gateway HTTP APIs give an integration at most 30 s; the Lambda context reports the rest.
const INTEGRATION_TIMEOUT_MS = 29_000;

/** Memoises `load` per route name, as a warm Lambda keeps its module loaded. */
export function createHandlerCache(load: (route: RouteSpec) => LambdaHttpHandler): (route: RouteSpec) => LambdaHttpHandler {
  const handlers = new Map<string, LambdaHttpHandler>();
  return (route) => {
    let handler = handlers.get(route.name);
    if (!handler) handlers.set(route.name, (handler = load(route)));
    return handler;
  };
}

/** `require(<repo>/<entry>).handler`; throws when the module exports no handler function. */
export function defaultLoadHandler(route: RouteSpec): LambdaHttpHandler {
  // Entries are relative to the repository root, two levels above local/http/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(__dirname, '..', '..', route.entry)) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`${route.entry} does not export a handler`);
  return mod.handler as LambdaHttpHandler;
}

/** A Lambda context named after the route's function, with API Gateway's integration timeout as its deadline. */
export function lambdaContext(spec: RouteSpec, requestId: string): Context {
  const deadline = Date.now() + INTEGRATION_TIMEOUT_MS;
  const functionName = physicalName(spec.name);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
