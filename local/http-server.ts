/**
 * API Gateway HTTP API (payload v2.0) emulation on node:http. It dispatches on the same route
 * table CDK deploys, verifies bearer tokens BEFORE invoking a handler (as the JWT authorizer
 * does), builds faithful v2 events and writes the handlers' results back, so the handler
 * modules run unchanged. Everything API Gateway itself answers (401, 404, 405, 413) is
 * problem+json here. The parts live in `local/http/`: `match` (routes), `request` (reading),
 * `auth` (authorizer), `event` (v2 events), `lambda` (loading, context), `result` (writing),
 * `dispatch` (one request) and `server` (node:http).
 */
export { startApiServer } from './http/server';
export { MAX_REQUEST_BYTES } from './http/request';
export type { AccessLogEntry, ApiServerOptions, LambdaHttpHandler, RunningApiServer } from './http/types';
