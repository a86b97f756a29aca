/**
 * The body of the DynamoDB worker thread (local/transport/dynamodb-thread.ts starts it): dynalite
 * with its HTTP port for outside clients, and the in-process answers for the runtime's own SDK
 * clients over a MessagePort. It owns the store, so LevelDB and dynalite's JavaScript run on a
 * core of their own. Requests arrive in batches (one message per turn of the main thread's
 * event loop) and the answers that are ready in the same turn here leave as one message too;
 * a batch crosses as one string (./wire.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startDynamoDb } from '../components/dynamodb';
import { coalescer, DEFAULT_COALESCE, type CoalesceMode } from './coalesce';
import { answerDynamoDbRequest } from './dynamodb';
import { decodeRequests, encodeAnswers, type WireAnswer } from './wire';

export interface DynamoDbThreadOptions {
  host: string;
  port: number;
  dir: string;
  /** Answer requests without a SigV4 header (the runtime's own clients do not sign). @default false */
  acceptUnsigned?: boolean;
  /** How requests and answers are batched on the MessagePort. @default DEFAULT_COALESCE */
  coalesce?: CoalesceMode;
}

/** Main thread → worker: a batch of requests (wire.ts `encodeRequests`), or the close. */
export type ToWorker = string | { close: true };
/** Worker → main thread: a batch of answers (wire.ts `encodeAnswers`), or the thread's state. */
export type FromWorker =
  string | { ready: { port: number; repaired: { removed: number; rewritten: number } } } | { failed: string } | { closed: true };

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

void (async () => {
  try {
    const options = workerData as DynamoDbThreadOptions;
    const dynamodb = await startDynamoDb({ host: options.host, port: options.port, dir: options.dir });
    const onInternalError = (err: unknown) => console.error('[dynamodb/worker] internal error', err);
    const answerOptions = { acceptUnsigned: options.acceptUnsigned ?? false };
    const answers = coalescer<WireAnswer>(options.coalesce ?? DEFAULT_COALESCE, (batch) => post(encodeAnswers(batch)));
    port.on('message', (message: ToWorker) => {
      if (typeof message !== 'string') {
        // The answers ready by then leave before `closed`: the main thread ends the thread on it.
        void dynamodb.close().then(() => {
          answers.flush();
          post({ closed: true });
        });
        return;
      }
      for (const { id, request } of decodeRequests(message))
        void answerDynamoDbRequest(dynamodb.store, request, onInternalError, answerOptions).then((answer) => answers.push({ id, answer }));
    });
    post({ ready: { port: dynamodb.port, repaired: dynamodb.repaired } });
  } catch (err) {
    post({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
})();
