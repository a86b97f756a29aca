/** `GET /v1/applications?limit&cursor`: the caller's applications. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { toPage } from '../http/pagination';
import { endpoint } from './contract';
import { applicationService, type ApplicationService, type Lazy } from './services';

/** Builds the handler over an application service getter. */
export const createListApplicationsHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-applications'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await applications().list(principal, query)),
  }));

export const handler = createListApplicationsHandler(applicationService);
