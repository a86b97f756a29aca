/** `POST /v1/applications/{id}/withdraw` -> 202; 409 when the application is finished. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { applicationService, type ApplicationService, type Lazy } from './services';

/** Builds the handler over an application service getter. */
export const createWithdrawApplicationHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('withdraw-application'), ...overrides }, async ({ principal, params }) => ({
    status: 202,
    body: await applications().withdraw(principal, params.id),
  }));

export const handler = createWithdrawApplicationHandler(applicationService);
