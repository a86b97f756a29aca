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

  it('applies the documented defaults for the hardening settings', () => {
    expect(loadDeployConfig(context({ ...base, region: 'us-east-1' }), {})).toMatchObject({
      materialsRetentionDays: 3650,
      breakGlassRole: 'onething-break-glass',
      workflowReservedConcurrency: 50,
      reconcileReservedConcurrency: 1,
    });
  });

  it('reads the hardening settings from context', () => {
    const role = 'arn:aws-cn:iam::123456789012:role/security/onething-break-glass';
    const config = loadDeployConfig(
      context({
        ...base,
        ...oidc,
        region: 'cn-north-1',
        materialsRetentionDays: '10950',
        breakGlassRole: role,
        workflowReservedConcurrency: 5,
        reconcileReservedConcurrency: '2',
      }),
      {},
    );
    expect(config).toMatchObject({
      materialsRetentionDays: 10950,
      breakGlassRole: role,
      workflowReservedConcurrency: 5,
      reconcileReservedConcurrency: 2,
    });
  });

  it.each([
    [{ ...base }, 'region', /missing/],
    [{ ...base, region: 'us-east-1', materialsRetentionDays: 0 }, 'materialsRetentionDays', /1/],
    [{ ...base, region: 'us-east-1', materialsRetentionDays: 'ten years' }, 'materialsRetentionDays', /number/],
    [{ ...base, region: 'us-east-1', breakGlassRole: 'arn:aws:iam::1:user/alice' }, 'breakGlassRole', /role name or role ARN/],
    [{ ...base, region: 'us-east-1', breakGlassRole: 'has space' }, 'breakGlassRole', /role name or role ARN/],
    [{ ...base, region: 'us-east-1', workflowReservedConcurrency: 0 }, 'workflowReservedConcurrency', /1/],
    [{ ...base, region: 'us-east-1', reconcileReservedConcurrency: 1.5 }, 'reconcileReservedConcurrency', /expected int/],
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
