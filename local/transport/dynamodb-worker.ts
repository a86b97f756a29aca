/**
 * The body of the DynamoDB worker thread (local/transport/dynamodb-thread.ts starts it): dynalite
 * with its HTTP port for outside clients, and the in-process answers for the runtime's own SDK
 * clients over a MessagePort. It owns the store, so LevelDB and dynalite's JavaScript run on a
 * core of their own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startDynamoDb } from '../components/dynamodb';
import { answerDynamoDbRequest, type DynamoDbRequest } from './dynamodb';

export interface DynamoDbThreadOptions {
  host: string;
  port: number;
  dir: string;
}

/** Main thread → worker. */
export type ToWorker = { id: number; request: DynamoDbRequest } | { close: true };
/** Worker → main thread. */
export type FromWorker =
  | { ready: { port: number; repaired: { removed: number; rewritten: number } } }
  | { failed: string }
  | { id: number; answer: Awaited<ReturnType<typeof answerDynamoDbRequest>> }
  | { closed: true };

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

void (async () => {
  try {
    const { host, port: listenPort, dir } = workerData as DynamoDbThreadOptions;
    const dynamodb = await startDynamoDb({ host, port: listenPort, dir });
    const onInternalError = (err: unknown) => console.error('[dynamodb/worker] internal error', err);
    port.on('message', (message: ToWorker) => {
      if ('close' in message) {
        void dynamodb.close().then(() => post({ closed: true }));
        return;
      }
      void answerDynamoDbRequest(dynamodb.store, message.request, onInternalError).then((answer) => post({ id: message.id, answer }));
    });
    post({ ready: { port: dynamodb.port, repaired: dynamodb.repaired } });
  } catch (err) {
    post({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
})();
