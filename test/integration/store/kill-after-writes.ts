/**
 * Child process of crash-atomicity.test.ts: runs the embedded DynamoDB store on a data folder
 * and SIGKILLs itself right after its Nth LevelDB write has completed (STORE_KILL_AFTER_WRITES),
 * i.e. at the precise point between two writes where a real crash could land.
 * With STORE_SETUP=1 it first creates the test table and item X (writes not counted);
 * STORE_REPAIR=0 starts the store without its start-up index repair. Prints `port <n>` once ready.
 */
import { ClassicLevel } from 'classic-level';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDb } from '../../../local/components/dynamodb';
import { appItem, clientFor, createTestTable, TABLE } from './store-fixture';

const killAfter = Number(process.env.STORE_KILL_AFTER_WRITES);
const dir = process.env.STORE_DIR as string;
let writes = 0;
let armed = false;

type Proto = Record<'_put' | '_del' | '_batch', (...args: unknown[]) => Promise<unknown>>;
const proto = ClassicLevel.prototype as unknown as Proto;
for (const method of ['_put', '_del', '_batch'] as const) {
  const original = proto[method];
  proto[method] = async function (this: unknown, ...args: unknown[]) {
    const result = await original.apply(this, args);
    if (armed && ++writes >= killAfter) process.kill(process.pid, 'SIGKILL');
    return result;
  };
}

void (async () => {
  const store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir, repair: process.env.STORE_REPAIR !== '0' });
  if (process.env.STORE_SETUP === '1') {
    const client = clientFor(`http://127.0.0.1:${store.port}`);
    await createTestTable(client);
    await client.send(new PutItemCommand({ TableName: TABLE, Item: appItem('X', 't1') }));
    client.destroy();
  }
  armed = true;
  process.stdout.write(`port ${store.port}\n`);
})();
