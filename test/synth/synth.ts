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
  /**
   * The nested monitoring stack (alarms, dashboard, alarm topic) as the parent sees it: every
   * `Ref` to one of its parameters is replaced by the value the parent passes in, so alarm
   * dimensions compare with the parent's logical ids (`{ Ref: <function id> }`) directly.
   */
  monitoring: Template;
  /** Logical id of the monitoring nested stack (`AWS::CloudFormation::Stack`) in the parent. */
  monitoringId: string;
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
  const template = Template.fromStack(stack);
  const monitoringResource = stack.monitoring.nestedStackResource;
  if (!monitoringResource) throw new Error('the monitoring stack has no resource in its parent');
  const monitoringId = stack.getLogicalId(monitoringResource);
  const monitoring = resolveNestedParameters(template, monitoringId, Template.fromStack(stack.monitoring));
  const result = { app, stack, template, monitoring, monitoringId };
  cache.set(key, result);
  return result;
}

/** The `Parameters` the parent passes to its nested stack `nestedId`. */
export function nestedParameters(parent: Template, nestedId: string): Record<string, unknown> {
  const resource = (parent.findResources('AWS::CloudFormation::Stack') as Resources)[nestedId];
  if (!resource) throw new Error(`no nested stack ${nestedId} in the parent`);
  return (resource.Properties?.Parameters ?? {}) as Record<string, unknown>;
}

/**
 * The nested template with each `{ Ref: <parameter> }` replaced by the parent's value for it.
 * A parameter the parent does not pass fails, so a broken wiring cannot pass unnoticed.
 */
export function resolveNestedParameters(parent: Template, nestedId: string, nested: Template): Template {
  const values = nestedParameters(parent, nestedId);
  const declared = new Set(Object.keys((nested.toJSON().Parameters ?? {}) as Record<string, unknown>));
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, unknown>);
    const [only] = entries;
    if (entries.length === 1 && only?.[0] === 'Ref' && typeof only[1] === 'string' && declared.has(only[1])) {
      if (!(only[1] in values)) throw new Error(`the parent passes no value for parameter ${only[1]}`);
      return values[only[1]];
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  };
  const json = nested.toJSON();
  return Template.fromJSON(
    { ...json, Resources: resolve(json.Resources) as Record<string, unknown> },
    { skipCyclicalDependenciesCheck: true },
  );
}

/**
 * What a parent's `{ 'Fn::GetAtt': [<nested stack id>, 'Outputs.<name>'] }` stands for: the
 * nested output's value (e.g. `{ Ref: <topic id> }` in the nested template).
 */
export function nestedOutputValue(nested: Template, getAtt: unknown): unknown {
  const [, attribute] = ((getAtt as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'] ?? []) as [string?, string?];
  const name = attribute?.startsWith('Outputs.') ? attribute.slice('Outputs.'.length) : undefined;
  const outputs = (nested.toJSON().Outputs ?? {}) as Record<string, { Value: unknown }>;
  if (!name || !outputs[name]) throw new Error(`not an output of the nested stack: ${JSON.stringify(getAtt)}`);
  return outputs[name].Value;
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
