/** The node:http server: one dispatch per request, errors as problem+json, one access-log line each. */
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { describeError } from '../../functions/http/logger';
import { problemResponse } from '../../functions/http/problem';
import { AppError, ForbiddenError } from '../../shared/errors';
import { negotiateLocale } from '../../shared/i18n';
import { refusalReason } from '../loopback';
import { createDispatcher } from './dispatch';
import { writeResult } from './result';
import type { AccessLogEntry, ApiServerOptions, RunningApiServer } from './types';

/**
 * Starts the emulated API.
 *
 * @example
 * const api = await startApiServer({ host: '127.0.0.1', port: 0, routes, verifyToken: (t) => tokens.verify(t) });
 * await fetch(`${api.url}/v1/services`); await api.close();
 */
export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const dispatch = createDispatcher(opts);
  const accessLog = opts.accessLog ?? ((e: AccessLogEntry) => process.stdout.write(`${JSON.stringify({ access: e })}\n`));
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    const seen = { route: '-' };
    // A foreign Host or Origin (a web page, DNS rebinding) is refused before any route runs.
    const refusal = refusalReason(req);
    void (refusal === undefined ? dispatch(req, requestId, seen) : Promise.reject(new ForbiddenError(refusal)))
      .catch((error: unknown) => {
        // Exposed errors are the caller's (or readiness); anything else is a fault worth a log line.
        if (!(error instanceof AppError) || !error.expose) {
          process.stderr.write(
            `${JSON.stringify({ level: 'ERROR', message: 'handler failed', route: seen.route, error: describeError(error) })}\n`,
          );
        }
        return problemResponse(error, requestId, negotiateLocale(req.headers['accept-language']));
      })
      .then((result) => {
        writeResult(res, result);
        accessLog({ method: req.method ?? '-', route: seen.route, status: result.statusCode, ms: Math.round(performance.now() - started) });
      })
      // Only a result Node cannot write (e.g. an invalid header from a handler) lands here.
      .catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
