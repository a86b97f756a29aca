/** `POST /v1/applications/{id}/supplements` -> 202; 409 when that branch is not waiting for one. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { applicationService, type ApplicationService, type Lazy } from './services';

/** Builds the handler over an application service getter. */
export const createProvideSupplementHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('provide-supplement'), ...overrides }, async ({ principal, params, body }) => ({
    status: 202,
    body: await applications().supplement(principal, params.id, body),
  }));

export const handler = createProvideSupplementHandler(applicationService);
