import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  InvalidArn,
  InvalidDefinition,
  ListStateMachinesCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { startEngineOverHttp, type EngineOverHttp } from '../../../support/http-harness';
import { ROLE_ARN, createMachine, tempDir } from '../../support/http';

const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const PASS_2 = { StartAt: 'Q', States: { Q: { Type: 'Pass', Result: 2, End: true } } };

describe('state machine operations over HTTP (@aws-sdk/client-sfn)', () => {
  const tmp = tempDir('sm');
  let env: EngineOverHttp;
  beforeAll(async () => {
    env = await startEngineOverHttp({ dataDir: tmp.dir });
  });
  afterAll(async () => {
    await env.close();
    tmp.remove();
  });

  it('creates, describes, updates and deletes a state machine', async () => {
    const created = await env.sfn.send(
      new CreateStateMachineCommand({ name: 'crud', definition: JSON.stringify(PASS), roleArn: ROLE_ARN }),
    );
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:crud');
    expect(created.creationDate).toBeInstanceOf(Date);

    const described = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({
      stateMachineArn: created.stateMachineArn,
      name: 'crud',
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: ROLE_ARN,
    });
    expect(JSON.parse(described.definition ?? '')).toStrictEqual(PASS);

    const updated = await env.sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: JSON.stringify(PASS_2) }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    const after = await env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(JSON.parse(after.definition ?? '')).toStrictEqual(PASS_2);

    await env.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it('returns the same ARN for an identical create and StateMachineAlreadyExists otherwise', async () => {
    const first = await createMachine(env.sfn, 'twice', PASS);
    expect(await createMachine(env.sfn, 'twice', PASS)).toBe(first);
    await expect(createMachine(env.sfn, 'twice', PASS_2)).rejects.toBeInstanceOf(StateMachineAlreadyExists);
  });

  it('lists state machines page by page', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) await createMachine(env.sfn, name, PASS);
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await env.sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      expect(page.stateMachines?.length).toBeLessThanOrEqual(2);
      names.push(...(page.stateMachines ?? []).map((m) => m.name ?? ''));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken !== undefined);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(names).toEqual(expect.arrayContaining(['list-a', 'list-b', 'list-c']));
    expect(new Set(names).size).toBe(names.length);
  });

  it('validates definitions without creating anything', async () => {
    const ok = await env.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(PASS) }));
    expect(ok.result).toBe('OK');
    expect(ok.diagnostics).toEqual([]);
    const bad = await env.sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: 'Missing', States: { P: { Type: 'Pass', End: true } } }),
      }),
    );
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', code: expect.any(String), message: expect.any(String) });
  });

  it('answers with the AWS error names', async () => {
    await expect(createMachine(env.sfn, 'broken', { StartAt: 'Nowhere', States: {} })).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(
      env.sfn.send(new CreateStateMachineCommand({ name: 'not-json', definition: '{"StartAt":', roleArn: ROLE_ARN })),
    ).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(
      env.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(env.sfn.send(new ListStateMachinesCommand({ maxResults: 1001 }))).rejects.toBeInstanceOf(ValidationException);
  });
});
