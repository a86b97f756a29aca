/** `GET /v1/services`: the current version of every service in the catalog. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { catalog } from '../../workflows/catalog';
import type { ServiceDefinition } from '../../workflows/types';
import { toServiceSummary } from './catalog-view';
import { endpoint } from './contract';

/** Builds the handler over a catalog (tests pass their own). */
export const createListServicesHandler = (services: readonly ServiceDefinition[] = catalog, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-services'), ...overrides }, async () => ({
    status: 200,
    body: { items: services.map(toServiceSummary) },
    // The catalog changes only with a deployment; a short public cache spares the function.
    cache: { maxAgeSeconds: 300 },
  }));

export const handler = createListServicesHandler();
