/** `GET /v1/walkthroughs?serviceId&limit&cursor`: every walk-through's report, newest first (officials, inspectors). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { toPage } from '../http/pagination';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createListWalkthroughsHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-walkthroughs'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await walks().list(principal, query)),
  }));

export const handler = createListWalkthroughsHandler(walkthroughService);
