import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../infra/build';
import { platformFunctionSpecs } from '../../../infra/specs';
import { testConfig } from '../synth';

describe('site settings reach every function on AWS', () => {
  const promisedLimits = '{"newborn":{"public-security":1}}';
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const { stack } = buildApp({ app, config: { ...testConfig('us-east-1', '123456789012'), promisedLimits, findingRectifyWorkingDays: 5 } });
  const template = Template.fromStack(stack);

  it('ONETHING_PROMISED_LIMITS and ONETHING_FINDING_RECTIFY_WORKING_DAYS are in every platform function', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.FunctionName ?? '').startsWith('onething-'),
    );
    expect(functions).toHaveLength(platformFunctionSpecs.length);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        ONETHING_PROMISED_LIMITS: promisedLimits,
        ONETHING_FINDING_RECTIFY_WORKING_DAYS: '5',
      });
    }
  });

  it('a promise longer than the law allows stops the synth naming the setting', () => {
    const config = { ...testConfig('us-east-1', '123456789012'), promisedLimits: '{"newborn":{"public-security":30}}' };
    expect(() => buildApp({ app: new App({ context: { 'aws:cdk:bundling-stacks': [] } }), config })).toThrow(
      /Invalid deployment setting "promisedLimits": newborn\.public-security: 30 is longer/,
    );
  });

  it('anomaly thresholds reach every function, and a bad one stops the synth naming the setting and the key', () => {
    const anomalyThresholds = '{"rubberStampSeconds":120}';
    const withThresholds = buildApp({
      app: new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } }),
      config: { ...testConfig('us-east-1', '123456789012'), anomalyThresholds },
    });
    const functions = Object.values(Template.fromStack(withThresholds.stack).findResources('AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.FunctionName ?? '').startsWith('onething-'),
    );
    expect(functions).toHaveLength(platformFunctionSpecs.length);
    for (const fn of functions)
      expect(fn.Properties.Environment.Variables).toMatchObject({ ONETHING_ANOMALY_THRESHOLDS: anomalyThresholds });
    const config = { ...testConfig('us-east-1', '123456789012'), anomalyThresholds: '{"workdayStartMinute":1200}' };
    expect(() => buildApp({ app: new App({ context: { 'aws:cdk:bundling-stacks': [] } }), config })).toThrow(
      /Invalid deployment setting "anomalyThresholds": .*workdayEndMinute: must be after workdayStartMinute/,
    );
  });
});
