import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { appItem, clientFor, indexDisagreements, TABLE } from './store-fixture';

const ROOT = path.resolve(__dirname, '../../..');

interface Child {
  process: ChildProcess;
  port: number;
  exited: Promise<void>;
}

/** Starts kill-after-writes.ts and resolves once its store listens. */
async function startStore(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'kill-after-writes.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /port (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    void exited.then(() => reject(new Error(`store child exited before listening:\n${output}`)));
  });
  return { process: child, port, exited };
}

/** Item changes that move, add and remove index entries; the store dies somewhere inside them. */
async function changeItems(client: DynamoDBClient): Promise<void> {
  await client.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: { pk: { S: 'X' }, sk: { S: 'APP' } },
      UpdateExpression: 'SET gsi1sk = :t',
      ExpressionAttributeValues: { ':t': { S: 't2#X' } },
    }),
  );
  await client.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: appItem('Y', 't3'),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  await client.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: appItem('X', 't4', 'DAY#2'),
    }),
  );
  await client.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'Y' }, sk: { S: 'APP' } } }));
}

// Dying right after the 1st, 2nd, ... LevelDB write covers every point between an item's write
// and its index entries' writes (the changes above take 14 separate writes when unbatched).
describe.each([1, 2, 3, 4, 5, 6, 7])('the store SIGKILLed right after LevelDB write %i', (killAfter) => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-crash-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('restarts with every item and index entry in agreement (no repair needed)', async () => {
    const doomed = await startStore({ STORE_DIR: dir, STORE_SETUP: '1', STORE_KILL_AFTER_WRITES: String(killAfter) });
    const client = clientFor(`http://127.0.0.1:${doomed.port}`);
    await changeItems(client).catch(() => undefined); // the connection drops at the kill
    client.destroy();
    doomed.process.kill('SIGKILL'); // when all changes needed fewer writes than killAfter
    await doomed.exited;

    const restarted = await startStore({ STORE_DIR: dir, STORE_REPAIR: '0' });
    const reader = clientFor(`http://127.0.0.1:${restarted.port}`);
    try {
      expect(await indexDisagreements(reader)).toEqual([]);
    } finally {
      reader.destroy();
      restarted.process.kill('SIGKILL');
      await restarted.exited;
    }
  }, 60_000);
});
