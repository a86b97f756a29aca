import { loadDeployConfig } from '../../../infra/config';
import { DeployConfigError } from '../../../infra/errors';
import { siteEnvironment } from '../../../infra/site-settings';

describe('site settings (the ONETHING_* configuration the CDK app hands every function)', () => {
  it('passes only the settings that are set, with the names the functions read', () => {
    expect(siteEnvironment({})).toEqual({});
    expect(siteEnvironment({ promisedLimits: '{"newborn":{"public-security":1}}', findingRectifyWorkingDays: 5 })).toEqual({
      ONETHING_PROMISED_LIMITS: '{"newborn":{"public-security":1}}',
      ONETHING_FINDING_RECTIFY_WORKING_DAYS: '5',
    });
  });

  it.each([
    ['{"newborn":{"public-security":9}}', /longer than .* a site may only shorten a limit/],
    ['{"no-such-service":{"x":1}}', /no-such-service: unknown service/],
    ['{"newborn":', /not JSON/],
  ])('refuses promisedLimits %s at synth, naming the setting and the entry', (raw, detail) => {
    const attempt = () => siteEnvironment({ promisedLimits: raw });
    expect(attempt).toThrow(DeployConfigError);
    expect(attempt).toThrow(/"promisedLimits"/);
    expect(attempt).toThrow(detail);
  });

  it('reads them from context: JSON text from -c, an object from cdk.json, days as a number', () => {
    const base = { region: 'us-east-1', webOrigin: 'https://onething.example.gov.cn', auditRetentionDays: 3650 };
    const ctx = (values: Record<string, unknown>) => (key: string) => values[key];
    const fromCli = loadDeployConfig(ctx({ ...base, promisedLimits: '{"newborn":{"health":1}}', findingRectifyWorkingDays: '7' }), {});
    expect(fromCli).toMatchObject({ promisedLimits: '{"newborn":{"health":1}}', findingRectifyWorkingDays: 7 });
    const fromJson = loadDeployConfig(ctx({ ...base, promisedLimits: { newborn: { health: 1 } } }), {});
    expect(JSON.parse(fromJson.promisedLimits!)).toEqual({ newborn: { health: 1 } });
    expect(() => loadDeployConfig(ctx({ ...base, findingRectifyWorkingDays: 0 }), {})).toThrow(/"findingRectifyWorkingDays"/);
  });

  it('anomalyThresholds: validated at synth naming the key, passed as ONETHING_ANOMALY_THRESHOLDS, an object in cdk.json', () => {
    expect(siteEnvironment({ anomalyThresholds: '{"rubberStampSeconds":120}' })).toEqual({
      ONETHING_ANOMALY_THRESHOLDS: '{"rubberStampSeconds":120}',
    });
    const attempt = () => siteEnvironment({ anomalyThresholds: '{"rubberStampSecs":120}' });
    expect(attempt).toThrow(DeployConfigError);
    expect(attempt).toThrow(/"anomalyThresholds".*rubberStampSecs: unknown threshold/);
    const base = { region: 'us-east-1', webOrigin: 'https://onething.example.gov.cn', auditRetentionDays: 3650 };
    const fromJson = loadDeployConfig((key) => ({ ...base, anomalyThresholds: { workdayStartMinute: 540 } })[key], {});
    expect(JSON.parse(fromJson.anomalyThresholds!)).toEqual({ workdayStartMinute: 540 });
  });
});
