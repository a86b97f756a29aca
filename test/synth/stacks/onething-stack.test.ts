import { renderCatalog } from '../../../infra/services';
import { Match } from 'aws-cdk-lib/assertions';
import { routeKey, routes } from '../../../functions/routes';
import { ROLES } from '../../../shared/auth/principal';
import { platformFunctionSpecs } from '../../../infra/specs';
import { synthesize, WEB_ORIGIN } from '../synth';

const { template } = synthesize('us-east-1');

describe('OneThing stack: resources', () => {
  it('deploys one function per spec, one state machine per service, two tables, four buckets', () => {
    // + CDK's BucketDeployment handler, which uploads the web UI (infra/constructs/web.ts).
    template.resourceCountIs('AWS::Lambda::Function', platformFunctionSpecs.length + 1);
    // One per one-thing service and one per 12345 event service (issue 10).
    template.resourceCountIs('AWS::StepFunctions::StateMachine', renderCatalog().length);
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    // Materials, audit archive, access logs, web UI.
    template.resourceCountIs('AWS::S3::Bucket', 4);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', ROLES.length);
  });

  it.each([
    ['onething-main', ['gsi1', 'gsi2', 'gsi3', 'gsi4']],
    ['onething-audit', ['gsi1']],
  ])('%s: on demand, PITR, KMS, deletion protection, retained, indexes %j', (tableName, indexes) => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: {
        TableName: tableName,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
        DeletionProtectionEnabled: true,
        GlobalSecondaryIndexes: indexes.map((name) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: `${name}pk`, KeyType: 'HASH' },
            { AttributeName: `${name}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      },
    });
  });

  it('rotates the customer-managed data key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('tables') });
  });
});

describe('OneThing stack: buckets', () => {
  const allBlocked = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };
  const kms = {
    ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
  };

  it('materials: KMS, versioned, private, logged, CORS PUT from the web origin, uploads expire after a day', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: kms,
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: allBlocked,
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'materials/' },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: [WEB_ORIGIN] }),
          // The web UI's CloudFront URL (test/synth/stacks/web.test.ts).
          Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: [Match.objectLike({ 'Fn::Join': Match.anyValue() })] }),
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        ]),
      },
    });
  });

  it('audit archive: Object Lock in COMPLIANCE mode with the configured retention', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: kms,
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'audit-archive/' },
      PublicAccessBlockConfiguration: allBlocked,
    });
  });

  it('every bucket denies plain HTTP and blocks public access', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    for (const props of Object.values(buckets).map((b) => b.Properties)) expect(props.PublicAccessBlockConfiguration).toEqual(allBlocked);
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });
});

describe('OneThing stack: API and identity', () => {
  it('creates exactly the routes of functions/routes.ts, JWT on all but the public ones', () => {
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: route.auth === 'jwt' ? 'JWT' : 'NONE',
      });
    }
  });

  it('has no local-only /v1/dev/* route', () => {
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey as string);
    expect(keys.filter((k) => k.includes('/v1/dev/'))).toEqual([]);
    expect(keys.length).toBe(routes.length);
  });

  it('authorizes JWTs from the user pool, issuer built from the pool (partition-safe)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'ProviderURL'] }]] },
        Audience: [{ Ref: Match.anyValue() }],
      },
    });
  });

  it('throttles the stage and writes JSON access logs without headers', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format.requestId).toBe('$context.requestId');
    expect(JSON.stringify(format).toLowerCase()).not.toMatch(/authorization|header/);
  });

  it('user pool: admin-created users only, MFA required, strong passwords, threat protection, dept attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true, RequireNumbers: true }) },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'dept', AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('one group per role, and users cannot write their own department', () => {
    for (const role of ROLES) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.Properties.WriteAttributes).toEqual(['email']);
    expect(client?.Properties.GenerateSecret).toBe(false);
  });
});
