import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SfnError, type SfnApi } from '../../../src/api-types';
import { startSfnHttpServer, type SfnHttpServer } from '../../../src/http/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  reusedSocket: boolean;
}

function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  options: { method?: string; path?: string; agent?: Agent } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${options.path ?? '/'}`,
      {
        method: options.method ?? 'POST',
        agent: options.agent,
        headers: { 'Content-Type': 'application/x-amz-json-1.0', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, reusedSocket: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const target = (operation: string) => ({ 'X-Amz-Target': `AWSStepFunctions.${operation}` });

describe('startSfnHttpServer', () => {
  let server: SfnHttpServer;
  const calls: Array<[string, unknown]> = [];
  const internalErrors: unknown[] = [];
  const fake: SfnApi = {
    async call(operation, input) {
      calls.push([operation, input]);
      if (input.name === 'missing') throw new SfnError('ExecutionDoesNotExist', 'Execution Does Not Exist: x');
      if (input.name === 'boom') throw new Error('sqlite: disk I/O error at /secret/path');
      return { executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${String(input.name)}`, startDate: 1700000000.5 };
    },
  };

  beforeAll(async () => {
    server = await startSfnHttpServer(fake, {
      port: 0,
      bodyLimitBytes: 64 * 1024,
      onInternalError: (err) => internalErrors.push(err),
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    calls.length = 0;
    internalErrors.length = 0;
  });

  it('listens on 127.0.0.1 on an ephemeral port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('passes the operation and input to the api and returns its output', async () => {
    const res = await post(server.url, '{"stateMachineArn":"arn:x","name":"e1"}', target('StartExecution'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(res.body)).toStrictEqual({
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:e1',
      startDate: 1700000000.5,
    });
    expect(calls).toStrictEqual([['StartExecution', { stateMachineArn: 'arn:x', name: 'e1' }]]);
  });

  it('serialises SfnError as a 400 with __type and x-amzn-ErrorType', async () => {
    const res = await post(server.url, '{"name":"missing"}', target('DescribeExecution'));
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ExecutionDoesNotExist');
    expect(JSON.parse(res.body)).toStrictEqual({
      __type: 'com.amazonaws.swf.service.model.v20120810#ExecutionDoesNotExist',
      message: 'Execution Does Not Exist: x',
    });
  });

  it('lets @aws-sdk/client-sfn decode outputs and modelled errors', async () => {
    const sfn = new SFNClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', name: 'sdk' }));
    expect(out.startDate).toEqual(new Date(1700000000500));
    const rejected = await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', name: 'missing' })).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ExecutionDoesNotExist);
    expect(rejected).toMatchObject({ name: 'ExecutionDoesNotExist', message: 'Execution Does Not Exist: x' });
    const internal = await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', name: 'boom' })).catch((e: unknown) => e);
    expect(internal).toMatchObject({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
    sfn.destroy();
  });

  it('answers many concurrent SDK requests', async () => {
    const sfn = new SFNClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const names = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const outs = await Promise.all(names.map((name) => sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:x', name }))));
    expect(outs.map((o) => o.executionArn?.split(':').pop())).toEqual(names);
    sfn.destroy();
  });

  it.each([
    ['malformed JSON', '{"name":', 'SerializationException'],
    ['a JSON array', '[]', 'SerializationException'],
  ])('answers %s with SerializationException', async (_label, body, code) => {
    const res = await post(server.url, body, target('StartExecution'));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe(`com.amazon.coral.service#${code}`);
    expect(calls).toHaveLength(0);
  });

  it('answers an unknown or missing target with UnknownOperationException', async () => {
    const unknown = await post(server.url, '{}', target('StartSyncExecution'));
    const missing = await post(server.url, '{}');
    for (const res of [unknown, missing]) {
      expect(res.status).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    }
  });

  it('refuses other methods and paths', async () => {
    expect((await post(server.url, '', {}, { method: 'GET' })).status).toBe(405);
    expect((await post(server.url, '{}', target('ListStateMachines'), { path: '/other' })).status).toBe(404);
  });

  it('hides unexpected engine exceptions behind a 500 InternalFailure', async () => {
    const res = await post(server.url, '{"name":"boom"}', target('StartExecution'));
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(JSON.parse(res.body)).toStrictEqual({
      __type: 'com.amazon.coral.service#InternalFailure',
      message: 'The request processing has failed because of an unknown error.',
    });
    expect(internalErrors).toHaveLength(1);
    expect((internalErrors[0] as Error).message).toContain('disk I/O');
  });

  it('refuses a body over the limit by Content-Length and while streaming, then keeps serving', async () => {
    const big = Buffer.alloc(200 * 1024, 'a');
    const declared = await post(server.url, big, target('StartExecution'));
    expect(declared.status).toBe(413);
    expect(declared.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
    const streamed = await post(server.url, big, { ...target('StartExecution'), 'Transfer-Encoding': 'chunked' });
    expect(streamed.status).toBe(413);
    expect(calls).toHaveLength(0);
    expect((await post(server.url, '{"name":"after"}', target('StartExecution'))).status).toBe(200);
  });

  it('reuses keep-alive sockets, also after a refused request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await post(server.url, '{"name":"a"}', target('StartExecution'), { agent });
    const refused = await post(server.url, '{"name":"b"}', target('Nope'), { agent });
    const third = await post(server.url, '{"name":"c"}', target('StartExecution'), { agent });
    agent.destroy();
    expect([first.status, refused.status, third.status]).toEqual([200, 400, 200]);
    expect([refused.reusedSocket, third.reusedSocket]).toEqual([true, true]);
  });

  it('survives garbage bytes and a client that aborts mid-body', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('\x00\x01 not http at all\r\n\r\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.StartExecution\r\nContent-Length: 100\r\n\r\n{"na');
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    expect((await post(server.url, '{"name":"still-up"}', target('StartExecution'))).status).toBe(200);
    expect(calls.map(([, input]) => input)).toStrictEqual([{ name: 'still-up' }]);
    expect(internalErrors).toHaveLength(0);
  });
});

describe('SfnHttpServer.close', () => {
  it('resolves while a keep-alive client holds an idle socket', async () => {
    const server = await startSfnHttpServer({ call: async () => ({}) }, { port: 0 });
    const agent = new Agent({ keepAlive: true });
    expect((await post(server.url, '{}', target('ListStateMachines'), { agent })).status).toBe(200);
    await expect(server.close()).resolves.toBeUndefined();
    agent.destroy();
  });

  it('rejects when the port is taken', async () => {
    const server = await startSfnHttpServer({ call: async () => ({}) }, { port: 0 });
    await expect(startSfnHttpServer({ call: async () => ({}) }, { port: server.port })).rejects.toThrow(/EADDRINUSE/);
    await server.close();
  });
});

describe('SfnHttpServer guard', () => {
  it('refuses what the guard names with 403 AccessDeniedException, which the SDK reports; the engine never sees it', async () => {
    const calls: string[] = [];
    const server = await startSfnHttpServer(
      { call: async (operation) => (calls.push(operation), {}) },
      { port: 0, guard: (req) => (req.headers.origin === undefined ? undefined : 'no web pages') },
    );
    try {
      const refused = await post(server.url, '{}', { ...target('ListStateMachines'), Origin: 'http://attacker.example' });
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toEqual({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'no web pages' });
      const sdk = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      sdk.middlewareStack.add(
        (next) => (args) => {
          (args.request as { headers: Record<string, string> }).headers.origin = 'http://attacker.example';
          return next(args);
        },
        { step: 'build' },
      );
      await expect(sdk.send(new StartExecutionCommand({ stateMachineArn: 'arn:x' }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      });
      sdk.destroy();
      expect(calls).toEqual([]);
      expect((await post(server.url, '{}', target('ListStateMachines'))).status).toBe(200);
      expect(calls).toEqual(['ListStateMachines']);
    } finally {
      await server.close();
    }
  });
});
