/**
 * The runtime process of `npm run bench:soak`: the embedded runtime, as `npm start` runs it,
 * in its own process (like a real site, the client runs elsewhere). Over IPC it reports its
 * URL once started and, on request, its memory after a full GC.
 */
import { startRuntime } from '../../local/runtime';
import { settledMemory } from './memory';

void (async () => {
  const dataDir = process.env.SOAK_DATA_DIR as string;
  const runtime = await startRuntime({
    dataDir,
    host: '127.0.0.1',
    ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
    region: 'us-east-1',
    accountId: '000000000000',
    partition: 'aws',
  });
  process.on('message', (message: string) => {
    if (message === 'sample') {
      const { rss, heapUsed } = settledMemory();
      // Where resident memory sits: V8's committed heap pages, memory outside the V8 heap
      // (Buffers), the rest is native (LevelDB, sqlite, malloc arenas of the thread pool).
      const { heapTotal, external } = process.memoryUsage();
      process.send!({ memory: { rss, heapUsed, heapTotal, external } });
    }
    if (message === 'stop') void runtime.close().then(() => process.exit(0));
  });
  process.send!({ api: runtime.urls.api });
})();
