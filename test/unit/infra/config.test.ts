import { loadDeployConfig } from '../../../infra/config';
import { DeployConfigError } from '../../../infra/errors';

const context = (values: Record<string, unknown>) => (key: string) => values[key];
const base = { webOrigin: 'https://onething.example.gov.cn', auditRetentionDays: 3650 };
const oidc = { jwtIssuer: 'https://id.example.gov.cn/realms/onething', jwtAudience: 'onething-web' };

describe('loadDeployConfig', () => {
  it('reads region and account from context first', () => {
    const config = loadDeployConfig(context({ ...base, ...oidc, region: 'cn-north-1', account: '123456789012' }), {
      CDK_DEFAULT_REGION: 'us-east-1',
      CDK_DEFAULT_ACCOUNT: '999999999999',
    });
    expect(config).toMatchObject({ region: 'cn-north-1', account: '123456789012', auditRetentionDays: 3650 });
  });

  it('falls back to CDK_DEFAULT_REGION / CDK_DEFAULT_ACCOUNT, and the account may be absent', () => {
    expect(loadDeployConfig(context({ ...base, ...oidc }), { CDK_DEFAULT_REGION: 'cn-northwest-1' })).toMatchObject({
      region: 'cn-northwest-1',
      account: undefined,
    });
  });

  it.each([
    [{ ...base }, 'region', /missing/],
    [{ ...base, region: 'Beijing' }, 'region', /region name/],
    [{ ...base, region: 'us-east-1', account: '1234' }, 'account', /12 digits/],
    [{ ...base, region: 'us-east-1', webOrigin: 'http://insecure.example' }, 'webOrigin', /https origin/],
    [{ ...base, region: 'us-east-1', webOrigin: 'https://example.gov.cn/app' }, 'webOrigin', /origin only/],
    [{ ...base, region: 'us-east-1', auditRetentionDays: 0 }, 'auditRetentionDays', /1/],
    [{ ...base, region: 'us-east-1', alarmEmail: 'ops' }, 'alarmEmail', /email/i],
    [{ ...base, region: 'cn-north-1' }, 'jwtIssuer', /Cognito user pools do not exist/],
    [{ ...base, region: 'us-east-1', jwtIssuer: oidc.jwtIssuer }, 'jwtAudience', /go together/],
    [{ ...base, region: 'us-east-1', jwtIssuer: 'http://id.example.gov.cn', jwtAudience: 'x' }, 'jwtIssuer', /https URL/],
  ])('rejects %j naming %s', (values, field, message) => {
    const run = () => loadDeployConfig(context(values), {});
    expect(run).toThrow(DeployConfigError);
    expect(run).toThrow(new RegExp(`"${field}"`));
    expect(run).toThrow(message);
  });
});
