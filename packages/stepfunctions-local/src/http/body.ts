import type { IncomingMessage } from 'node:http';
import { ClientClosedError, RequestTooLargeError } from './errors';

/**
 * Reads a request body into one buffer, rejecting with `RequestTooLargeError` as soon as it
 * exceeds `limitBytes` (checked against Content-Length first, so a huge declared body is refused
 * before any of it is read). Rejects with `ClientClosedError` if the client goes away.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      reject(new RequestTooLargeError(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        reject(new RequestTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // Whichever of 'error' and 'close' reports an abort first settles the promise.
    const onError = (err?: Error): void => {
      cleanup();
      reject(new ClientClosedError(err));
    };
    const onClose = (): void => onError();
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
