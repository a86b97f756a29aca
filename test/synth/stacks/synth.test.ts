import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { platformFunctionSpecs } from '../../../infra/specs';
import { CN_OIDC, synthesize } from '../synth';

/**
 * The full synthesis, as `cdk synth` runs it (esbuild bundling, CloudFormation Validate,
 * cdk-nag as a validation plugin), in the aws and the aws-cn partitions.
 */
describe.each(['us-east-1', 'cn-north-1'])('full synthesis in %s', (region) => {
  const { app, template } = synthesize(region, 'full');

  it('passes the AwsSolutions pack with no unacknowledged error', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const errors = report.violations
      .filter((v) => v.severity === 'error')
      .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(errors).toEqual([]);
  });

  // Bundle size and init time are measured (and held to their targets) by `npm run bench:bundle`.
  it('bundles every function with esbuild into one file and its source map', () => {
    const outdir = app.synth().directory;
    // The platform's functions; CDK's BucketDeployment handler (the web UI upload) is CDK's own asset.
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.FunctionName ?? '').startsWith('onething-'),
    );
    expect(functions).toHaveLength(platformFunctionSpecs.length);
    for (const fn of functions) {
      const assetDir = path.join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      expect(fs.readdirSync(assetDir).sort()).toEqual(['index.js', 'index.js.map']);
      expect(fs.readFileSync(path.join(assetDir, 'index.js'), 'utf8')).toMatch(/^"use strict";/);
    }
  });

  it('hard-codes no partition: every ARN uses AWS::Partition', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/arn:aws(-cn)?:/);
    expect(json).toContain('"Ref":"AWS::Partition"');
  });

  it('trusts Cognito in the aws partition, the configured OIDC issuer in aws-cn', () => {
    const china = region.startsWith('cn-');
    template.resourceCountIs('AWS::Cognito::UserPool', china ? 0 : 1);
    const [authorizer] = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    if (china) expect(authorizer?.Properties.JwtConfiguration).toEqual({ Issuer: CN_OIDC.jwtIssuer, Audience: [CN_OIDC.jwtAudience] });
    else expect(JSON.stringify(authorizer?.Properties.JwtConfiguration.Issuer)).toContain('ProviderURL');
  });
});

describe('acknowledged cdk-nag findings', () => {
  it('each carries a reason', () => {
    const { app } = synthesize('us-east-1', 'full');
    const acknowledged = app.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledged) expect([rule, reason.length >= 30]).toEqual([rule, true]);
  });
});
