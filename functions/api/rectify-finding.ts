/** `POST /v1/walkthroughs/{id}/findings/{findingId}/rectification` -> 200; once per finding (another note: 409). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createRectifyFindingHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('rectify-finding'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await walks().rectify(principal, params.id, params.findingId, body),
  }));

export const handler = createRectifyFindingHandler(walkthroughService);
