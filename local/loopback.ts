/**
 * The local ports answer this machine only, not web pages: a page on `attacker.example` that
 * re-resolves its name to 127.0.0.1 (DNS rebinding) reaches them with its own name in `Host`,
 * and any page can send requests with its `Origin`. Every local port (API, DynamoDB, S3,
 * Step Functions) refuses both before its server sees the request. The AWS CLI and SDKs send
 * `Host: 127.0.0.1:<port>` and no `Origin`, so they pass.
 */
import type http from 'node:http';

/** The names of this machine that need no DNS, as they appear in `Host` and `Origin`. */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

// `name[:port]`, where name may be a bracketed IPv6 literal.
const AUTHORITY = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i;

/** `Host` names this machine and the port the request came in on (80 when it names none). */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  const match = host === undefined ? null : AUTHORITY.exec(host.trim());
  if (!match) return false;
  return LOOPBACK_NAMES.has(match[1]!.toLowerCase()) && Number(match[2] ?? 80) === port;
}

/** `Origin` is exactly `http://<loopback name>:<one of ports>` (`null` and paths are not origins). */
export function isLoopbackOrigin(origin: string, ports: readonly number[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    url.origin === origin.toLowerCase() &&
    LOOPBACK_NAMES.has(url.hostname) &&
    ports.includes(Number(url.port || 80))
  );
}

/**
 * Why this request may not be served, or `undefined` when it may. Allowed: a loopback `Host`
 * with the port the request arrived on, and either no `Origin` (not a browser, or a same-origin
 * GET) or a loopback origin on that port or one of `originPorts` (S3 admits the API's pages),
 * and not marked `Sec-Fetch-Site: cross-site`.
 */
export function refusalReason(req: http.IncomingMessage, originPorts: readonly number[] = []): string | undefined {
  const port = req.socket.localPort ?? 0;
  if (!isLoopbackHost(req.headers.host, port)) return `Host must be 127.0.0.1:${port}, localhost:${port} or [::1]:${port}`;
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin, [port, ...originPorts]))
    return 'requests from web pages of other origins are refused';
  // A page elsewhere can still make the browser send a GET without Origin (<img>, <script>);
  // browsers mark it cross-site (the loopback pages of the API are same-site).
  if (req.headers['sec-fetch-site'] === 'cross-site') return 'requests from web pages of other sites are refused';
  return undefined;
}

/** Writes the refusal in the protocol of the port (403, no CORS headers). */
export type Refuse = (res: http.ServerResponse, reason: string) => void;

/**
 * Puts the check in front of a server that is not listening yet: its request handlers run only
 * for requests that pass; the others get `refuse` and the connection is closed afterwards.
 *
 * @example guardRequests(dynalite(options), { refuse: refuseAwsJson('com.amazonaws.dynamodb.v20120810') })
 */
export function guardRequests(server: http.Server, opts: { refuse: Refuse; originPorts?: () => readonly number[] }): void {
  const handlers = server.listeners('request') as http.RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const reason = refusalReason(req, opts.originPorts?.() ?? []);
    if (reason === undefined) {
      for (const handler of handlers) handler.call(server, req, res);
      return;
    }
    // The body is not read: close the connection rather than leave it half consumed.
    res.setHeader('connection', 'close');
    opts.refuse(res, reason);
    req.resume();
  });
}

/** A refusal as the AWS JSON 1.0 protocols (DynamoDB, Step Functions) write errors. */
export const refuseAwsJson =
  (namespace: string): Refuse =>
  (res, reason) => {
    const body = JSON.stringify({ __type: `${namespace}#AccessDeniedException`, message: reason });
    res.writeHead(403, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(body),
      'x-amzn-errortype': 'AccessDeniedException',
    });
    res.end(body);
  };

/** A refusal as S3 writes errors (REST-XML). */
export const refuseS3Xml: Refuse = (res, reason) => {
  const escaped = reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${escaped}</Message></Error>`;
  res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
