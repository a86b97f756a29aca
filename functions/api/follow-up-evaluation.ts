/** `POST /v1/evaluations/{id}/follow-up` -> 200; 409 unless a bad review not yet answered. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { evaluationService, type EvaluationService, type Lazy } from './services';

/** Builds the handler over an evaluation service getter. */
export const createFollowUpEvaluationHandler = (evaluations: Lazy<EvaluationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('follow-up-evaluation'), ...overrides }, async ({ principal, params, body }) => ({
    status: 200,
    body: await evaluations().followUp(principal, params.id, body),
  }));

export const handler = createFollowUpEvaluationHandler(evaluationService);
