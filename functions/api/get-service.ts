/** `GET /v1/services/{serviceId}`: one service with its form JSON Schema and materials. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { getService } from '../../workflows/catalog';
import type { ServiceDefinition } from '../../workflows/types';
import { toServiceDetail } from './catalog-view';
import { endpoint } from './contract';

/** Builds the handler over a lookup that throws a 404 error for unknown ids. */
export const createGetServiceHandler = (lookup: (id: string) => ServiceDefinition = getService, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-service'), ...overrides }, async ({ params }) => ({
    status: 200,
    body: toServiceDetail(lookup(params.serviceId)),
    cache: { maxAgeSeconds: 300 },
  }));

export const handler = createGetServiceHandler();
