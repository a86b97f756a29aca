/** `POST /v1/applications/{id}/evaluation` -> 201; 409 before the application is final or the second time. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { endpoint } from './contract';
import { evaluationService, type EvaluationService, type Lazy } from './services';

/** Builds the handler over an evaluation service getter. */
export const createEvaluateApplicationHandler = (evaluations: Lazy<EvaluationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('evaluate-application'), ...overrides }, async ({ principal, params, body }) => ({
    status: 201,
    body: await evaluations().evaluate(principal, params.id, body),
  }));

export const handler = createEvaluateApplicationHandler(evaluationService);
