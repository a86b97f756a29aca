/** `GET /v1/applications/{id}/materials/{materialId}` -> a presigned GET `{url, expiresAt}`. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { applicationService, type ApplicationService, type Lazy } from './services';

/** Builds the handler over an application service getter. */
export const createGetMaterialLinkHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('get-material-link'), ...overrides }, async ({ principal, params }) => ({
    status: 200,
    body: await applications().materialLink(principal, params.id, params.materialId),
  }));

export const handler = createGetMaterialLinkHandler(applicationService);
