/**
 * `POST /v1/applications` -> 202 `{id, status, links}`. The service makes the
 * `Idempotency-Key` the application's id seed: same key + same body replays, different -> 422.
 */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import type { ApplicationAccepted } from './schemas';
import { applicationService, type ApplicationService, type Lazy } from './services';

/** Links a client follows after submitting. */
export function applicationLinks(id: string): ApplicationAccepted['links'] {
  const self = `/v1/applications/${id}`;
  return { self, supplements: `${self}/supplements`, withdraw: `${self}/withdraw` };
}

/** Builds the handler over an application service getter. */
export const createSubmitApplicationHandler = (applications: Lazy<ApplicationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('submit-application'), ...overrides }, async ({ principal, body, idempotencyKey }) => {
    const { application, replayed } = await applications().submit(principal, body, idempotencyKey);
    const links = applicationLinks(application.id);
    // A replay answers the first response again (HTTP-API.md), not the application as it is now:
    // a new application is always accepted as `submitted`, whatever intake has done since.
    const accepted: ApplicationAccepted = { id: application.id, status: replayed ? 'submitted' : application.status, links };
    const headers: Record<string, string> = { location: links.self };
    if (replayed) headers['idempotent-replayed'] = 'true';
    return { status: 202, body: accepted, headers };
  });

export const handler = createSubmitApplicationHandler(applicationService);
