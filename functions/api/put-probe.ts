/** `PUT /v1/probes/{serviceId}` `{everyHours, enabled}` -> 200: a service's scheduled probe (officials). */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { walkthroughService, type Lazy, type WalkthroughService } from './services';

/** Builds the handler over a walk-through service getter. */
export const createPutProbeHandler = (walks: Lazy<WalkthroughService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('put-probe'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await walks().putProbe(principal, params.serviceId, body),
  }));

export const handler = createPutProbeHandler(walkthroughService);
