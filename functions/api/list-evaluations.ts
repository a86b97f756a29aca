/** `GET /v1/evaluations?from&to&serviceId&bad&limit&cursor`. */
import { httpHandler, type HandlerOverrides } from '../http/handler';
import { toPage } from '../http/pagination';
import { endpoint } from './contract';
import { evaluationService, type EvaluationService, type Lazy } from './services';

/** Builds the handler over an evaluation service getter. */
export const createListEvaluationsHandler = (evaluations: Lazy<EvaluationService>, overrides: HandlerOverrides = {}) =>
  httpHandler({ ...endpoint('list-evaluations'), ...overrides }, async ({ principal, query }) => ({
    status: 200,
    body: toPage(await evaluations().list(principal, query)),
  }));

export const handler = createListEvaluationsHandler(evaluationService);
