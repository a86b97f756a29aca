/** `GET /v1/openapi.json`: generated from the route table and zod schemas, once per cold start. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { buildApiDocument } from './openapi-document';

/** Builds the handler; the document is built on the first request and kept. */
export const createGetOpenApiHandler = (build: () => Record<string, unknown> = buildApiDocument, overrides: HandlerOverrides = {}) => {
  let document: Record<string, unknown> | undefined;
  return httpHandler({ ...endpoint('get-openapi'), ...overrides }, async () => ({
    status: 200,
    body: (document ??= build()),
    cache: { maxAgeSeconds: 3600 },
  }));
};

export const handler = createGetOpenApiHandler();
