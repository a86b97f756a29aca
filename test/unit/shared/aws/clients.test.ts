import { createAwsClients } from '../../../../shared/aws/clients';
import { ConfigError, loadConfig } from '../../../../shared/config';
import { AWS_ENV } from './fixtures';

describe('loadConfig', () => {
  test('local mode fills in the documented defaults', () => {
    expect(loadConfig({ ONETHING_LOCAL: '1', ONETHING_S3_PORT: '24569' })).toEqual({
      local: true,
      region: 'us-east-1',
      tableName: 'onething-main',
      auditTableName: 'onething-audit',
      materialsBucket: 'onething-materials',
      stateMachineArnPrefix: 'arn:aws:states:us-east-1:000000000000:stateMachine:',
      ports: { dynamodb: 8000, s3: 24569, sfn: 8083 },
      // No CURSOR_SECRET: a random key per local process.
      cursorSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('CURSOR_SECRET keys the cursors when set; too short fails loudly; unset on AWS leaves it out', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ ONETHING_LOCAL: '1', CURSOR_SECRET: secret }).cursorSecret).toBe(secret);
    expect(loadConfig({ ...AWS_ENV, CURSOR_SECRET: secret }).cursorSecret).toBe(secret);
    expect(() => loadConfig({ ...AWS_ENV, CURSOR_SECRET: 'short' })).toThrow(expect.objectContaining({ variable: 'CURSOR_SECRET' }));
    expect(loadConfig(AWS_ENV)).not.toHaveProperty('cursorSecret');
  });

  test('on AWS every name must be set; the error names the missing variable', () => {
    expect(loadConfig(AWS_ENV)).toMatchObject({ local: false, tableName: 't', region: 'cn-north-1' });
    const { TABLE_NAME: _omitted, ...rest } = AWS_ENV;
    expect(() => loadConfig(rest)).toThrow(new ConfigError('TABLE_NAME', 'Invalid input: expected string, received undefined'));
  });

  test.each([
    [{ ...AWS_ENV, STATE_MACHINE_ARN_PREFIX: 'arn:aws:states:us-east-1:1:stateMachine:' }, 'STATE_MACHINE_ARN_PREFIX'],
    [{ ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: 'eighty' }, 'ONETHING_DYNAMODB_PORT'],
    [{ ONETHING_LOCAL: 'yes' }, 'ONETHING_LOCAL'],
  ])('a bad value fails loudly naming it (%#)', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ name: 'ConfigError', variable }));
  });
});

describe('createAwsClients', () => {
  test('locally: 127.0.0.1 endpoints, dummy credentials, path-style S3 without flexible checksums', async () => {
    const { ddb, s3, sfn } = createAwsClients(
      loadConfig({ ONETHING_LOCAL: '1', ONETHING_DYNAMODB_PORT: '28000', ONETHING_S3_PORT: '24569', ONETHING_SFN_PORT: '28083' }),
    );
    const endpoint = async (c: { config: { endpoint?: () => Promise<{ hostname?: string; port?: number; protocol?: string }> } }) => {
      const e = await c.config.endpoint?.();
      return `${e?.protocol}//${e?.hostname}:${e?.port}`;
    };
    expect(await endpoint(ddb.client as never)).toBe('http://127.0.0.1:28000');
    expect(await endpoint(s3 as never)).toBe('http://127.0.0.1:24569');
    expect(await endpoint(sfn as never)).toBe('http://127.0.0.1:28083');
    expect((await s3.config.credentials()).accessKeyId).toBe('S3RVER');
    expect(s3.config.forcePathStyle).toBe(true);
    expect(s3.config.requestChecksumCalculation).toBeDefined();
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await s3.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
  });

  test('on AWS: no endpoint override, the region of the configuration', async () => {
    const { ddb } = createAwsClients(loadConfig(AWS_ENV));
    expect(ddb.client.config.endpoint).toBeUndefined();
    expect(await ddb.client.config.region()).toBe('cn-north-1');
  });
});
