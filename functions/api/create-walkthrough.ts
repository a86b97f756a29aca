/**
 * `POST /v1/walkthroughs` -> 201 `{id, applicationId, mode, links}`: a real application through
 * the submit path, labelled a test. `Idempotency-Key`: same key + same body replays.
 */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createCreateWalkthroughHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('create-walkthrough'), ...overrides }, async ({ principal, body, idempotencyKey }) => {
    const created = await walks().create(principal, body, idempotencyKey);
    return { status: 201, body: created, headers: { location: created.links.self } };
  });

export const handler = createCreateWalkthroughHandler(walkthroughService);
