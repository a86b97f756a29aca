/**
 * The middy middlewares of every HTTP function.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { AppError, DependencyError } from '../../shared/errors';
import { negotiateLocale } from '../../shared/i18n';
import { classifyAwsError } from '../../shared/applications/errors';
import { header } from './body';
import { describeError } from './logger';
import { problemResponse } from './problem';
import type { HttpResult } from './responses';

/**
 * Turns any error into a problem+json response in the language of `Accept-Language`; a transient AWS SDK failure becomes a 503. 5xx are logged with their (masked) cause for
 * operators; 4xx are the caller's mistake and only logged at info with their code.
 *
 * @example middy(core).use(problemErrors({ logger }))
 */
export function problemErrors(opts: { logger: Logger }): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context> {
  return {
    name: 'problemErrors',
    onError: (request) => {
      const route = request.event.routeKey;
      // middy aborts just before the Lambda deadline: a dependency was too slow, a retry may help.
      // Otherwise this is the one place an API call's AWS failure is classified (503 if transient).
      const error: unknown =
        request.error?.name === 'TimeoutError'
          ? new DependencyError('The request timed out', { cause: request.error })
          : classifyAwsError(request.error, route);
      if (error instanceof AppError && error.status < 500) {
        opts.logger.info('request rejected', { route, status: error.status, code: error.problemCode });
      } else {
        const status = error instanceof AppError ? error.status : 500;
        opts.logger.error('request failed', { route, status, error: describeError(error) });
      }
      const locale = negotiateLocale(header(request.event.headers, 'accept-language'));
      request.response = problemResponse(error, request.context.awsRequestId, locale);
    },
  };
}
