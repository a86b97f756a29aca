import fs from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../infra/build';
import { HOSTED_LOGIN_SCOPES } from '../../../infra/constructs/identity';
import type { DeployConfig } from '../../../infra/config';
import { CN_OIDC, testConfig, WEB_ORIGIN } from '../synth';

/**
 * Issue 13 item 8: the web UI on S3 + CloudFront with a generated config.json.
 *
 * Synthesized without CDK's 500-resources-per-stack check: the stack was already over it (535)
 * before the web UI joined (alarms, routes), which the stack split must fix; these tests are
 * about the web resources, which do not depend on that.
 */
const synthesizeWeb = (region: string, settings: Partial<DeployConfig> = {}) => {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:stackResourceLimit': 0 },
  });
  const { stack } = buildApp({ config: { ...testConfig(region, '123456789012'), ...settings }, app });
  return { app, template: Template.fromStack(stack) };
};
const { app, template } = synthesizeWeb('us-east-1');
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
const resources = (type: string) => template.findResources(type) as Resources;
const only = (type: string) => {
  const entries = Object.entries(resources(type));
  expect(entries).toHaveLength(1);
  return entries[0] as [string, { Properties: Record<string, any> }];
};
const json = (v: unknown) => JSON.stringify(v);

const [distributionId, distribution] = only('AWS::CloudFront::Distribution');
const config = distribution.Properties.DistributionConfig;
const webBucketId = Object.entries(resources('AWS::S3::Bucket')).find(
  ([, b]) => b.Properties.LoggingConfiguration?.LogFilePrefix === 'web/',
)?.[0];
const cloudFrontUrlParts = ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }];
const cloudFrontUrl = { 'Fn::Join': ['', cloudFrontUrlParts] };

describe('web bucket', () => {
  it('is private, TLS-only, encrypted, versioned and logged', () => {
    expect(webBucketId).toBeDefined();
    expect(resources('AWS::S3::Bucket')[webBucketId!]?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(resources('AWS::S3::Bucket')[webBucketId!]?.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('its policy lets only this distribution read, and denies plain HTTP', () => {
    const policy = Object.values(resources('AWS::S3::BucketPolicy')).find((p) => json(p.Properties.Bucket) === json({ Ref: webBucketId }));
    const statements = policy?.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(json(allows[0]?.Condition)).toContain(`:distribution/",{"Ref":"${distributionId}"}`);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('distribution', () => {
  it('reads the bucket through an origin access control (not the legacy OAI)', () => {
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(config.Origins).toEqual([
      expect.objectContaining({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } }),
    ]);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('is HTTPS only, serves index.html at the root and for every SPA route with 200', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors.map((b: Record<string, unknown>) => b.ViewerProtocolPolicy)).toEqual(['redirect-to-https']);
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('caches the hashed assets and never index.html or config.json', () => {
    const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
    const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect(config.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: 'assets/*', CachePolicyId: CACHING_OPTIMIZED })]);
  });

  it('sends the security headers on every response, with the CSP of the local server plus the API, bucket and sign-in', () => {
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    const csp = json(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self' https://",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain('https://*.execute-api.us-east-1.');
    expect(csp).toContain('https://*.s3.us-east-1.');
    expect(csp).toMatch(/\.auth\.us-east-1\.amazoncognito\.com/);
  });
});

/** The web bucket of a template: the one logging under `web/`. */
const webBucketOf = (t: Template) =>
  Object.entries(t.findResources('AWS::S3::Bucket') as Resources).find(
    ([, b]) => b.Properties.LoggingConfiguration?.LogFilePrefix === 'web/',
  )?.[0];

/** The config.json deployment of an app: its BucketDeployment into the web bucket's root. */
const configDeploymentOf = (t: Template) =>
  Object.values(t.findResources('Custom::CDKBucketDeployment') as Resources).find(
    (d) => json(d.Properties.DestinationBucketName) === json({ Ref: webBucketOf(t) }) && !d.Properties.DestinationBucketKeyPrefix,
  );

/** The deployed file: the staged config.json with CloudFormation's markers put back in. */
const deployedConfigOf = (a: App, t: Template): Record<string, any> => {
  const markers =
    (configDeploymentOf(t)?.Properties.SourceMarkers as Array<Record<string, unknown>>).find((m) => Object.keys(m).length > 0) ?? {};
  const staged = fs
    .readdirSync(a.outdir)
    .map((d) => path.join(a.outdir, d, 'config.json'))
    .find((f) => fs.existsSync(f));
  expect(staged).toBeDefined();
  // A whole-value marker becomes its reference; a marker inside a string, the reference's JSON.
  return JSON.parse(fs.readFileSync(staged!, 'utf8'), (_k, v: unknown) => {
    if (typeof v !== 'string') return v;
    if (v in markers) return markers[v];
    return Object.entries(markers).reduce((text, [marker, ref]) => text.split(marker).join(json(ref)), v);
  }) as Record<string, any>;
};

describe('config.json', () => {
  const entry = configDeploymentOf(template);
  const deployedConfig = () => deployedConfigOf(app, template);

  it('is deployed to the web bucket with index.html, revalidated on every load', () => {
    expect(entry?.Properties.Prune).toBe(true);
    expect(entry?.Properties.Exclude).toEqual(['assets/*']);
    expect(entry?.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
  });

  it('carries the API endpoint and the hosted login settings as CloudFormation references', () => {
    const content = deployedConfig();
    expect(content.apiUrl).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiHttpApi/), 'ApiEndpoint'] });
    expect(content.oidc.clientId).toEqual({ Ref: expect.stringMatching(/WebClient/) });
    expect(json(content.oidc.domain)).toMatch(/\.auth\.us-east-1\.amazoncognito\.com/);
    expect(json(content.oidc.redirectUri)).toContain(distributionId);
    expect(json(content.oidc.redirectUri)).toContain('/auth/callback');
    expect(content.oidc.scopes).toEqual([...HOSTED_LOGIN_SCOPES]);
  });
});

describe('the CloudFront URL is admitted where the configured web origin is', () => {
  it('by the web client: code grant with PKCE, redirects to the UI only', () => {
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: [...HOSTED_LOGIN_SCOPES],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect(client.Properties.CallbackURLs).toEqual([
      { 'Fn::Join': ['', [...cloudFrontUrlParts, '/auth/callback']] },
      `${WEB_ORIGIN}/auth/callback`,
    ]);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('by the API CORS and the presigned upload CORS', () => {
    const [, api] = only('AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([WEB_ORIGIN, cloudFrontUrl]);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'materials/', DestinationBucketName: Match.anyValue() },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: [WEB_ORIGIN] }),
          Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: [cloudFrontUrl] }),
        ],
      },
    });
  });
});

describe('China regions', () => {
  it('deploy no CloudFront (a separate service there: ICP filing, own certificate)', () => {
    const cn = synthesizeWeb('cn-north-1').template;
    cn.resourceCountIs('AWS::CloudFront::Distribution', 0);
    cn.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('a deployment with its own OIDC provider (jwtIssuer) instead of Cognito', () => {
  const external = synthesizeWeb('us-east-1', CN_OIDC);

  it('config.json names the issuer and client; the page discovers the endpoints', () => {
    const content = deployedConfigOf(external.app, external.template);
    expect(content.oidc).toMatchObject({ issuer: CN_OIDC.jwtIssuer, clientId: CN_OIDC.jwtAudience, scopes: ['openid'] });
    expect(content.oidc.domain).toBeUndefined();
    expect(json(content.oidc.redirectUri)).toContain('/auth/callback');
    expect(external.template.findResources('AWS::Cognito::UserPool')).toEqual({});
  });

  it('the page may call the provider (discovery, token exchange) and no Cognito domain', () => {
    const policies = Object.values(external.template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources);
    const csp = json(policies.map((p) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy));
    expect(csp).toContain(new URL(CN_OIDC.jwtIssuer).origin);
    expect(csp).not.toMatch(/amazoncognito/);
  });
});
