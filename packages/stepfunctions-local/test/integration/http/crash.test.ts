import path from 'node:path';
import {
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { createSfnClient } from '../../../support/http-harness';
import { readTokens, startEngineChild, type EngineChild } from './crash-child';
import { BURST_INPUT, MACHINES, type Kind } from './fixtures/crash-machines';
import { createMachine, fullHistory, sleep, tempDir } from '../../support/http';

/**
 * kill -9 in the middle of a burst of transitions, twice, then checks that every execution
 * finishes exactly as an uninterrupted run of the same machine does. The kill points come from
 * a seed: CRASH_SEED=<n> replays a run (the seed is printed with the kill points).
 */
const SEED = Number(process.env.CRASH_SEED ?? 20261203);

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('engine killed with SIGKILL', () => {
  const tmp = tempDir('crash');
  const dataDir = path.join(tmp.dir, 'data');
  const tokenFile = path.join(tmp.dir, 'tokens.jsonl');
  let child: EngineChild | undefined;
  let sfn: SFNClient | undefined;

  const life = async (): Promise<SFNClient> => {
    sfn?.destroy();
    child = await startEngineChild(dataDir, tokenFile);
    sfn = createSfnClient(child.url);
    return sfn;
  };
  afterAll(async () => {
    sfn?.destroy();
    await child?.kill();
    tmp.remove();
  });

  it('resumes every execution without losing or duplicating history', async () => {
    const random = seededRandom(SEED);
    let client = await life();
    const arns = {} as Record<Kind, string>;
    for (const kind of Object.keys(MACHINES) as Kind[]) arns[kind] = await createMachine(client, kind, MACHINES[kind]);
    const start = (c: SFNClient, kind: Kind, name: string, input = '{}') =>
      c.send(new StartExecutionCommand({ stateMachineArn: arns[kind], name, input }));

    for (let i = 0; i < 10; i++) {
      await start(client, 'token', `tok-${i}`);
      await start(client, 'timer', `timer-${i}`);
      await start(client, 'retry', `retry-${i}`);
    }
    while (readTokens(tokenFile).size < 10) await sleep(10);
    const issued = readTokens(tokenFile);
    for (let i = 0; i < 5; i++) {
      await client.send(new SendTaskSuccessCommand({ taskToken: issued.get(`tok-${i}`), output: `{"n":${i}}` }));
    }

    // Burst: 40 executions of 400 × 3 Pass states, plus two token deliveries in flight.
    const inFlight = [
      ...Array.from({ length: 40 }, (_, i) => start(client, 'burst', `burst-${i}`, BURST_INPUT)),
      ...[5, 6].map((i) => client.send(new SendTaskSuccessCommand({ taskToken: issued.get(`tok-${i}`), output: `{"n":${i}}` }))),
    ].map((p) =>
      p.then(
        () => 'ok',
        () => 'lost',
      ),
    );
    const killAfter = 30 + Math.floor(random() * 400);
    await sleep(killAfter);
    await child?.kill();
    await Promise.all(inFlight);
    // Down long enough that the 3 s Wait timers and the Retry back-offs fall due meanwhile.
    await sleep(3500);

    client = await life();
    const restartedAt = child?.spawnedAt ?? 0;
    // The kill interrupted the burst: the gate holds every burst execution until after the
    // kills, so each one whose start had committed is still running (none finished or failed).
    const { executions: bursts = [] } = await client.send(new ListExecutionsCommand({ stateMachineArn: arns.burst }));
    expect(bursts.filter((e) => e.status !== 'RUNNING').map((e) => `${e.name}=${e.status}`)).toEqual([]);
    const secondKillAfter = Math.floor(random() * 300);
    await sleep(secondKillAfter); // a second kill while the first recovery runs
    await child?.kill();
    client = await life();
    // A yardstick: the same 3 s Wait started as the last life begins. A timer that fell due
    // while the engine was down must fire before it, not be re-armed for a full delay.
    await start(client, 'timer', 'ref-timer');
    console.log(`crash test (CRASH_SEED=${SEED}): killed ${killAfter} ms into the burst and ${secondKillAfter} ms into recovery`);

    // Requests cut off by the kill are repeated: a start that had been committed answers with
    // the same execution (still running at its gate); a token delivered before the kill is spent.
    for (let i = 0; i < 40; i++) {
      await start(client, 'burst', `burst-${i}`, BURST_INPUT).catch((err: Error) => expect(err.name).toBe('ExecutionAlreadyExists'));
    }
    for (const i of [5, 6]) {
      await client
        .send(new SendTaskSuccessCommand({ taskToken: issued.get(`tok-${i}`), output: `{"n":${i}}` }))
        .catch((err: Error) => expect(['TaskDoesNotExist', 'TaskTimedOut']).toContain(err.name));
    }
    // Tokens handed out before both kills and never used are still accepted.
    for (let i = 7; i < 10; i++) {
      await client.send(new SendTaskSuccessCommand({ taskToken: issued.get(`tok-${i}`), output: `{"n":${i}}` }));
    }
    await client.send(new SendTaskSuccessCommand({ taskToken: readTokens(tokenFile).get('tok-3'), output: '{}' })).then(
      () => {
        throw new Error('a spent token was accepted again after the restart');
      },
      (err: Error) => expect(['TaskDoesNotExist', 'TaskTimedOut']).toContain(err.name),
    );

    // Open the burst's gates (each records its token once its Map is done).
    await succeedWhenSubmitted(
      client,
      arns.burst,
      Array.from({ length: 40 }, (_, i) => `burst-${i}`),
      tokenFile,
    );

    const ends = await waitAllDone(client, Object.values(arns), 71, 30_000);
    const yardstickStoppedAt = ends.get('ref-timer') ?? 0;
    ends.delete('ref-timer');
    // Wait timers fell due while the engine was down (none ended before the first restart) and
    // fire as it starts (in the second life, or in the third if the second was killed first),
    // not a full delay later. (A Retry whose first back-off fell due while down legitimately
    // starts its second one then.)
    for (const [name, stoppedAt] of ends) {
      if (!name.startsWith('timer-')) continue;
      expect({ name, afterRestart: stoppedAt >= restartedAt }).toEqual({ name, afterRestart: true });
      expect({ name, beforeYardstick: stoppedAt < yardstickStoppedAt }).toEqual({ name, beforeYardstick: true });
    }

    // References: the same machines run once more, undisturbed.
    const reference = {} as Record<Kind, string[]>;
    await start(client, 'token', 'ref-token');
    await start(client, 'retry', 'ref-retry');
    await start(client, 'burst', 'ref-burst', BURST_INPUT);
    await succeedWhenSubmitted(client, arns.token, ['ref-token'], tokenFile);
    await succeedWhenSubmitted(client, arns.burst, ['ref-burst'], tokenFile);
    await waitAllDone(client, Object.values(arns), 74, 30_000);
    for (const kind of Object.keys(MACHINES) as Kind[]) {
      reference[kind] = shape(await fullHistory(client, executionArn(arns[kind], `ref-${kind}`)));
    }

    for (const [name] of ends) {
      const kind = (name.startsWith('tok-') ? 'token' : name.split('-')[0]) as Kind;
      const events = await fullHistory(client, executionArn(arns[kind], name));
      expect({ name, ids: events.map((e) => e.id) }).toEqual({ name, ids: events.map((_, i) => i + 1) });
      expect({ name, shape: shape(events) }).toEqual({ name, shape: reference[kind] });
    }
  }, 120_000);
});

function executionArn(machineArn: string, name: string): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/**
 * Sends SendTaskSuccess('{}') to each named execution of `machineArn` once its token was
 * recorded and its history ends with TaskSubmitted (the Lambda that handed the token out
 * returned): a token sent earlier would replace that event, and the shapes would differ.
 */
async function succeedWhenSubmitted(sfn: SFNClient, machineArn: string, names: string[], tokenFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const name of names) {
    for (;;) {
      const token = readTokens(tokenFile).get(name);
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: executionArn(machineArn, name), reverseOrder: true, maxResults: 1 }),
      );
      if (token !== undefined && events[0]?.type === 'TaskSubmitted') {
        await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
        break;
      }
      if (Date.now() > deadline) throw new Error(`${name}: no TaskSubmitted with a recorded token after 30 s`);
      await sleep(20);
    }
  }
}

/** Event types with their state names, sorted: equal for two runs that did the same work. */
function shape(events: HistoryEvent[]): string[] {
  return events.map((e) => `${e.type}:${e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name ?? ''}`).sort();
}

/** Waits until `count` executions exist and all SUCCEEDED; returns name → stop time (ms). */
async function waitAllDone(sfn: SFNClient, machines: string[], count: number, timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = [];
    for (const stateMachineArn of machines) {
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken }));
        all.push(...(page.executions ?? []));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
    }
    const notDone = all.filter((e) => e.status !== 'SUCCEEDED');
    if (all.length === count && notDone.length === 0) {
      return new Map(all.map((e) => [e.name ?? '', e.stopDate?.getTime() ?? 0]));
    }
    if (Date.now() > deadline) {
      throw new Error(
        `after ${timeoutMs} ms: ${all.length}/${count} executions, not succeeded: ${notDone.map((e) => `${e.name}=${e.status}`).join(', ')}`,
      );
    }
    await sleep(50);
  }
}
