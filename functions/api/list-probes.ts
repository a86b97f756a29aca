/** `GET /v1/probes`: every scheduled probe with its last run (passed, failed, running). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createListProbesHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-probes'), ...overrides }, async () => ({
    status: 200,
    body: await walks().listProbes(),
  }));

export const handler = createListProbesHandler(walkthroughService);
