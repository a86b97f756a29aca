/**
 * `GET /healthz`. On AWS the function answering is proof enough; the local server answers
 * 503 itself until every embedded component is up, before this handler is reached.
 */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';

/** Builds the handler (tests pass overrides). */
export const createHealthHandler = (overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('health'), ...overrides }, async () => ({ status: 200, body: { ok: true } }));

export const handler = createHealthHandler();
