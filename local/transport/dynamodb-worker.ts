/**
 * The body of the DynamoDB worker thread (local/transport/dynamodb-thread.ts starts it): dynalite
 * with its HTTP port for outside clients, and the in-process answers for the runtime's own SDK
 * clients over a MessagePort. It owns the store, so LevelDB and dynalite's JavaScript run on a
 * core of their own. Requests arrive in batches (one message per turn of the main thread's
 * event loop) and the answers that are ready in the same turn here leave as one message too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startDynamoDb } from '../components/dynamodb';
import { coalescer, DEFAULT_COALESCE, type CoalesceMode } from './coalesce';
import { answerDynamoDbRequest, type DynamoDbAnswer, type DynamoDbRequest } from './dynamodb';

export interface DynamoDbThreadOptions {
  host: string;
  port: number;
  dir: string;
  /** Answer requests without a SigV4 header (the runtime's own clients do not sign). @default false */
  acceptUnsigned?: boolean;
  /** How requests and answers are batched on the MessagePort. @default DEFAULT_COALESCE */
  coalesce?: CoalesceMode;
}

export interface RequestToWorker {
  id: number;
  request: DynamoDbRequest;
}
export interface AnswerFromWorker {
  id: number;
  answer: DynamoDbAnswer;
}

/** Main thread → worker. */
export type ToWorker = { requests: RequestToWorker[] } | { close: true };
/** Worker → main thread. */
export type FromWorker =
  | { ready: { port: number; repaired: { removed: number; rewritten: number } } }
  | { failed: string }
  | { answers: AnswerFromWorker[] }
  | { closed: true };

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

void (async () => {
  try {
    const options = workerData as DynamoDbThreadOptions;
    const dynamodb = await startDynamoDb({ host: options.host, port: options.port, dir: options.dir });
    const onInternalError = (err: unknown) => console.error('[dynamodb/worker] internal error', err);
    const answerOptions = { acceptUnsigned: options.acceptUnsigned ?? false };
    const answers = coalescer<AnswerFromWorker>(options.coalesce ?? DEFAULT_COALESCE, (batch) => post({ answers: batch }));
    port.on('message', (message: ToWorker) => {
      if ('close' in message) {
        // The answers ready by then leave before `closed`: the main thread ends the thread on it.
        void dynamodb.close().then(() => {
          answers.flush();
          post({ closed: true });
        });
        return;
      }
      for (const { id, request } of message.requests)
        void answerDynamoDbRequest(dynamodb.store, request, onInternalError, answerOptions).then((answer) => answers.push({ id, answer }));
    });
    post({ ready: { port: dynamodb.port, repaired: dynamodb.repaired } });
  } catch (err) {
    post({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
})();
