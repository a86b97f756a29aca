import { loadLocalConfig } from '../../../local/config';
import { localTransportFromEnv } from '../../../local/transport/mode';

describe('ONETHING_LOCAL_TRANSPORT', () => {
  it('defaults to worker when unset or empty', () => {
    expect(localTransportFromEnv({})).toBe('worker');
    expect(localTransportFromEnv({ ONETHING_LOCAL_TRANSPORT: '' })).toBe('worker');
    expect(loadLocalConfig({}).transport).toBe('worker');
  });

  it.each(['in-process', 'worker', 'http'] as const)('takes %s', (value) => {
    expect(localTransportFromEnv({ ONETHING_LOCAL_TRANSPORT: value })).toBe(value);
    expect(loadLocalConfig({ ONETHING_LOCAL_TRANSPORT: value }).transport).toBe(value);
  });

  it('refuses any other value, naming the variable and the choices', () => {
    expect(() => loadLocalConfig({ ONETHING_LOCAL_TRANSPORT: 'tcp' })).toThrow(
      'ONETHING_LOCAL_TRANSPORT must be one of in-process, worker, http (got "tcp")',
    );
  });
});
