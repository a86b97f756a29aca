import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build';
import { DEPLOY_DEFAULTS, type DeployConfig } from '../../infra/config';
import type { OneThingStack } from '../../infra/stacks/onething-stack';

export const WEB_ORIGIN = 'https://onething.test.gov.cn';

/** An identity provider of the China deployment (Cognito user pools do not exist there). */
export const CN_OIDC = { jwtIssuer: 'https://id.onething.test.gov.cn/realms/onething', jwtAudience: 'onething-web' };

export const testConfig = (region: string, account?: string): DeployConfig => ({
  region,
  account,
  webOrigin: WEB_ORIGIN,
  auditRetentionDays: 3650,
  ...DEPLOY_DEFAULTS,
  ...(region.startsWith('cn-') ? CN_OIDC : {}),
});

export interface Synthesized {
  app: App;
  stack: OneThingStack;
  template: Template;
}

/**
 * How much of `cdk synth` to run. `full` is what the CLI does: esbuild bundles every
 * function and CloudFormation Validate checks the template (about 15 s of WASM on this
 * machine). `shape` skips both; the template is the same except for asset hashes. The
 * full run is exercised by test/synth/stacks/synth.test.ts, for both regions.
 */
export type SynthMode = 'full' | 'shape';

/** Builds the app once per region, account and mode per test file, shared by its tests. */
const cache = new Map<string, Synthesized>();
export function synthesize(region = 'us-east-1', mode: SynthMode = 'shape', account = '123456789012'): Synthesized {
  const key = `${region}/${account}/${mode}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const app = mode === 'full' ? new App() : new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const { stack } = buildApp({ config: testConfig(region, account), app });
  const result = { app, stack, template: Template.fromStack(stack) };
  cache.set(key, result);
  return result;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

/** Logical id of the Lambda function deployed as `onething-<name>`. */
export function functionLogicalId(template: Template, name: string): string {
  const found = Object.entries(template.findResources('AWS::Lambda::Function') as Resources).find(
    ([, r]) => r.Properties?.FunctionName === `onething-${name}`,
  );
  if (!found) throw new Error(`no function onething-${name} in the template`);
  return found[0];
}

/** Every IAM statement attached to the role of the function `onething-<name>`. */
export function statementsOf(
  template: Template,
  name: string,
): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const fn = (template.findResources('AWS::Lambda::Function') as Resources)[functionLogicalId(template, name)];
  const roleId = fn?.Properties?.Role['Fn::GetAtt'][0] as string;
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties?.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => p.Properties?.PolicyDocument.Statement);
}

export const actionsOf = (s: { Action: string | string[] }): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
