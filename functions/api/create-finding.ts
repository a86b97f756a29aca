/** `POST /v1/walkthroughs/{id}/findings` -> 201: one `finding-recorded` event on the walk-through's timing log. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createCreateFindingHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('create-finding'), ...overrides }, async ({ principal, params, body, idempotencyKey }) => ({
    status: 201,
    body: await walks().addFinding(principal, params.id, body, idempotencyKey),
  }));

export const handler = createCreateFindingHandler(walkthroughService);
