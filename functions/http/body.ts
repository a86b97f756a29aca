/**
 * Request bodies: size first (before decoding or parsing anything), then media type, then JSON.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedRequestError, PayloadTooLargeError, ValidationError } from '../../shared/errors';
import { requestProblem } from '../../shared/i18n';
import { UnsupportedMediaTypeError } from './errors';
import { jsonInputErrors } from './json-input';

/** The JSON body limit of the API (materials go to S3 directly, never through the API). */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

type BodyEvent = Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>;

/** Decoded size of a body without decoding it (base64: 3 bytes per 4 characters minus padding). */
export function bodyBytes(body: string, isBase64Encoded: boolean): number {
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

/** Header lookup that ignores case (API Gateway lowercases, other callers may not). */
export function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

const isJsonMediaType = (contentType: string): boolean => {
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
};

/**
 * The parsed JSON body, or a 413/415/400 error, or 422 when it holds text that is not
 * well-formed Unicode, a number DynamoDB cannot store or nesting deeper than `MAX_JSON_DEPTH`.
 *
 * @example const raw = readJsonBody(event); // then parse `raw` with the route's zod schema
 */
export function readJsonBody(event: BodyEvent, maxBytes = MAX_JSON_BODY_BYTES): unknown {
  const body = event.body ?? '';
  if (body === '') throw new MalformedRequestError(requestProblem('body-required'));
  const size = bodyBytes(body, event.isBase64Encoded === true);
  if (size > maxBytes) throw new PayloadTooLargeError(requestProblem('body-too-large', { size, limit: maxBytes }));
  const contentType = header(event.headers, 'content-type');
  if (!contentType || !isJsonMediaType(contentType)) {
    throw new UnsupportedMediaTypeError(requestProblem('content-type-not-json'));
  }
  const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    // V8's message quotes the body (which may hold ID numbers): never echo or log it.
    throw new MalformedRequestError(requestProblem('body-not-json'));
  }
  const errors = jsonInputErrors(value);
  if (errors.length > 0) throw new ValidationError(errors);
  return value;
}
