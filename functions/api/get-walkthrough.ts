/** `GET /v1/walkthroughs/{id}`: the report, computed from the timing log; 404 for anything but a walk-through. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createGetWalkthroughHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-walkthrough'), ...overrides }, async ({ params }) => ({
    status: 200,
    body: await walks().get(params.id),
  }));

export const handler = createGetWalkthroughHandler(walkthroughService);
