/**
 * Inspector reads through the applicants' and officers' routes (`get-application`,
 * `get-material-link`) are logged too: this wraps such a handler so that an inspector's
 * successful read is recorded before the answer leaves. If the record cannot be written the
 * answer is withheld (503, retryable): no read goes unlogged.
 */
import type { Context } from 'aws-lambda';
import type { AccessLog } from '../../../shared/audit/access-log';
import { DependencyError } from '../../../shared/errors';
import type { HttpEvent } from '../../http/handler';
import { problemResponse } from '../../http/problem';
import type { HttpResult } from '../../http/responses';
import type { Lazy } from '../../lazy';

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const inspectorOf = (event: HttpEvent): { role: string; sub: string } | undefined => {
  const claims = (event.requestContext.authorizer as HttpEvent['requestContext']['authorizer'] | undefined)?.jwt?.claims;
  const role = claims?.role;
  return role === 'inspector' && typeof claims?.sub === 'string' ? { role, sub: claims.sub } : undefined;
};

export function loggingInspectorReads(route: string, handler: Handler, accessLog: Lazy<AccessLog>): Handler {
  return async (event, context) => {
    const result = await handler(event, context);
    const who = inspectorOf(event);
    if (!who || result.statusCode >= 300) return result;
    try {
      await accessLog().record({ who, route, what: { ...event.pathParameters } as Record<string, string> });
    } catch (error) {
      return problemResponse(new DependencyError('the read could not be logged', { cause: error }), context.awsRequestId);
    }
    return result;
  };
}
