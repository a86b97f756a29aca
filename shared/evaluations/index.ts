/** 好差评 services (docs/API.md "Evaluations"), built once from the platform deps. */
import type { Principal } from '../auth/principal';
import type { PlatformDeps } from '../deps';
import { createContext } from '../applications/context';
import { evaluate, followUp, listEvaluations } from './service';
import type { EvaluationQuery, EvaluationRequest, FollowUpRequest } from './schemas';

export function createEvaluationService(deps: PlatformDeps) {
  const ctx = createContext(deps);
  return {
    evaluate: (p: Principal, applicationId: string, req: EvaluationRequest) => evaluate(ctx, p, applicationId, req),
    followUp: (p: Principal, evaluationId: string, req: FollowUpRequest) => followUp(ctx, p, evaluationId, req),
    list: (p: Principal, q: EvaluationQuery) => listEvaluations(ctx, p, q),
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
