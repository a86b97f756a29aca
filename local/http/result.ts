/** Handler results back to HTTP: payload v2.0 normalisation and writing to the socket. */
import type http from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { HttpResult } from '../../functions/http/responses';

/** Payload v2 result rules: a structured result is used as is; anything else is a 200 JSON body. */
export function toHttpResult(result: APIGatewayProxyResultV2): HttpResult {
  if (typeof result === 'object' && result !== null && 'statusCode' in result && typeof result.statusCode === 'number') {
    return {
      ...result,
      statusCode: result.statusCode,
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
    };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}

/** Writes status, headers, `cookies` as `Set-Cookie` and the (base64-decoded) body; throws on headers Node rejects. */
export function writeResult(res: http.ServerResponse, result: HttpResult): void {
  const body = result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
  if (body) res.setHeader('content-length', body.length);
  res.writeHead(result.statusCode);
  res.end(body);
}
