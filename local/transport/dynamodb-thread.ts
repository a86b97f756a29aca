/**
 * The `worker` local transport: dynalite (its store, its HTTP port) runs in a worker thread of
 * the runtime's process, and the platform's SDK clients reach it through a MessagePort instead
 * of loopback HTTP, so the store's work runs on the second core. Requests and answers cross as
 * the same JSON text the HTTP protocol carries, with only the headers dynalite's checks read;
 * the requests of one turn of the event loop cross as one message (./coalesce.ts).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunningDynamoDb } from '../components/dynamodb';
import { coalescer, DEFAULT_COALESCE } from './coalesce';
import { dynamoDbRequestHandler, withReadHeadersOnly, type DynamoDbAnswer } from './dynamodb';
import type { DynamoDbThreadOptions, FromWorker, RequestToWorker, ToWorker } from './dynamodb-worker';
import type { SdkRequestHandler } from './sdk-handler';

export interface RunningDynamoDbThread extends Omit<RunningDynamoDb, 'store'> {
  /** The SDK `requestHandler` that sends each request to the thread. */
  handler: SdkRequestHandler;
}

const WORKER = path.join(__dirname, 'dynamodb-worker.ts');

export async function startDynamoDbThread(options: DynamoDbThreadOptions): Promise<RunningDynamoDbThread> {
  // The worker is TypeScript like the rest of local/: tsx compiles it in the thread (under
  // `npm start` and under Jest alike, where the test transform does not reach threads).
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER)});`, { eval: true, workerData: options });
  const pending = new Map<number, (answer: DynamoDbAnswer) => void>();
  let closed: (() => void) | undefined;
  let next = 0;
  const ready = new Promise<{ port: number; repaired: RunningDynamoDb['repaired'] }>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      if ('ready' in message) resolve(message.ready);
      else if ('failed' in message) reject(new Error(`dynamodb worker failed to start: ${message.failed}`));
      else if ('closed' in message) closed?.();
      else
        for (const { id, answer } of message.answers) {
          pending.get(id)?.(answer);
          pending.delete(id);
        }
    });
    worker.once('error', reject);
  });
  // A thread that dies takes the store with it: fail what is in flight loudly (the SDK retries
  // a 5xx; the runtime is then broken and says so rather than hanging).
  worker.on('error', (err) => console.error('[dynamodb/worker] thread failed', err));
  const failure: DynamoDbAnswer = {
    status: 500,
    contentType: 'application/x-amz-json-1.0',
    body: '{"__type":"com.amazon.coral.service#InternalFailure"}',
  };
  let exited = false;
  worker.on('exit', () => {
    exited = true;
    for (const resolve of pending.values()) resolve(failure);
    pending.clear();
  });
  const { port, repaired } = await ready.catch(async (err: unknown) => {
    await worker.terminate();
    throw err;
  });
  const send = (message: ToWorker) => worker.postMessage(message);
  const requests = coalescer<RequestToWorker>(options.coalesce ?? DEFAULT_COALESCE, (batch) => {
    // Their callers were answered 500 when the thread exited.
    if (!exited) send({ requests: batch });
  });
  return {
    port,
    repaired,
    handler: dynamoDbRequestHandler(
      (request) =>
        new Promise<DynamoDbAnswer>((resolve) => {
          // A message to a thread that is gone would never be answered.
          if (exited) return resolve(failure);
          const id = next++;
          pending.set(id, resolve);
          requests.push({ id, request: withReadHeadersOnly(request) });
        }),
    ),
    close: async () => {
      await new Promise<void>((resolve) => {
        closed = resolve;
        // What is queued goes first: the close must not overtake it.
        requests.flush();
        send({ close: true });
      });
      await worker.terminate();
    },
  };
}
