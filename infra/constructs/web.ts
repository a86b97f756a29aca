import fs from 'node:fs';
import path from 'node:path';
import { Annotations, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { webContentSecurityPolicy } from '../../shared/web-csp';
import { acknowledge, acknowledgeWildcardResources } from '../nag';

/** Where `npm run web:build:aws` (ONETHING_WEB_TARGET=aws) writes the AWS variant of the UI. */
export const WEB_AWS_BUILD_DIR = path.join(__dirname, '..', '..', 'web', 'dist-aws');

/** What the AWS build reads from `/config.json` (web/src/config.ts `RuntimeConfig`). */
export interface WebRuntimeConfig {
  readonly apiUrl: string;
  /** web/src/config.ts `OidcConfig`: `domain` for the Cognito hosted login, `issuer` for another provider. */
  readonly oidc?: { domain?: string; issuer?: string; clientId: string; redirectUri: string; scopes: string[] };
}

export interface WebProps {
  /** The server access log bucket (`Buckets.accessLogs`); the UI bucket logs there under `web/`. */
  readonly accessLogs: IBucket;
  /** Origins the page may call besides its own: the API, the materials bucket, the sign-in domain. */
  readonly connectSources: readonly string[];
  /** @default WEB_AWS_BUILD_DIR; when the folder is absent only `config.json` is deployed. */
  readonly buildDir?: string;
}

/** Hashed file names (Vite's `assets/`): a new build writes new names, so a year is safe. */
const ASSETS_CACHE = [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()];
/** index.html and config.json: always revalidated, so a deployment is live at once. */
const ENTRY_CACHE = [CacheControl.noCache()];

/**
 * The web UI on AWS: a private bucket read by CloudFront through Origin Access Control, HTTPS
 * only, the SPA's routes answered with index.html, security headers on every response, and
 * `config.json` generated at deploy time by `publish()`.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The UI's origin, `https://<id>.cloudfront.net`. */
  readonly url: string;
  private readonly buildDir: string;
  /** The deployment handler's role, with explicit actions (CDK's own grants use `s3:List*` etc.). */
  private readonly deployRole: IRole;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.buildDir = props.buildDir ?? WEB_AWS_BUILD_DIR;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // SSE-S3: CloudFront's OAC reads SSE-KMS objects only with a key policy grant, and the
      // UI is public code anyway.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web/',
      // Old builds are kept a month: a rollback is a redeploy, and stale tabs still find their chunks.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: `onething-web-${Stack.of(this).region}`,
      comment: 'OneThing web UI: CSP, HSTS, nosniff, frame deny, referrer',
      securityHeadersBehavior: {
        // The same policy `npm start` sends, with the API and the materials bucket on other origins here.
        contentSecurityPolicy: { contentSecurityPolicy: webContentSecurityPolicy(props.connectSources), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const behavior = { origin, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OneThing web UI',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      // index.html, config.json and the SPA's routes: never cached at the edge.
      defaultBehavior: { ...behavior, allowedMethods: AllowedMethods.ALLOW_GET_HEAD, cachePolicy: CachePolicy.CACHING_DISABLED },
      additionalBehaviors: {
        'assets/*': { ...behavior, allowedMethods: AllowedMethods.ALLOW_GET_HEAD, cachePolicy: CachePolicy.CACHING_OPTIMIZED },
      },
      // The SPA's router answers every path: S3 says 403 (no ListBucket) or 404 for a route.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.deployRole = this.createDeployRole();
    acknowledge(
      this.distribution,
      'CFR1',
      'Citizens abroad (students, workers) use the platform too; access is by sign-in, not by country.',
    );
    acknowledge(
      this.distribution,
      'CFR2',
      'Static files only; the API (API Gateway throttling, JWT) is where a WAF would matter. DEPLOY.md says how to add one.',
    );
    acknowledge(
      this.distribution,
      'CFR3',
      'Standard logging (legacy) needs an ACL-enabled bucket; the UI bucket logs to the access log bucket. DEPLOY.md: logging v2.',
    );
    acknowledge(
      this.distribution,
      'CFR4',
      'Without a custom domain the default *.cloudfront.net certificate allows TLSv1; a custom domain gets TLS_V1_2_2021.',
    );
  }

  /**
   * Uploads the build (assets first, long-cached; then index.html and the rest with
   * `config.json`, revalidated). Without a build folder only config.json goes up, with a warning.
   */
  publish(config: WebRuntimeConfig): BucketDeployment {
    const built = fs.existsSync(path.join(this.buildDir, 'index.html'));
    let assets: BucketDeployment | undefined;
    if (built && fs.existsSync(path.join(this.buildDir, 'assets'))) {
      assets = new BucketDeployment(this, 'Assets', {
        sources: [Source.asset(path.join(this.buildDir, 'assets'))],
        destinationBucket: this.bucket,
        destinationKeyPrefix: 'assets/',
        cacheControl: ASSETS_CACHE,
        // Old chunks stay: a page loaded before the deployment may still ask for them.
        prune: false,
        memoryLimit: 512,
        role: this.deployRole,
      });
    }
    if (!built) {
      Annotations.of(this).addWarning(
        `${this.buildDir} has no index.html: only config.json is deployed. Run \`npm run web:build:aws\` before \`cdk deploy\`.`,
      );
    }
    const sources: ISource[] = [Source.jsonData('config.json', config)];
    if (built) sources.unshift(Source.asset(this.buildDir, { exclude: ['assets', 'assets/**'] }));
    const entry = new BucketDeployment(this, 'Entry', {
      sources,
      destinationBucket: this.bucket,
      cacheControl: ENTRY_CACHE,
      // Never delete the assets the other deployment owns.
      exclude: ['assets/*'],
      prune: true,
      memoryLimit: 512,
      role: this.deployRole,
    });
    if (assets) entry.node.addDependency(assets);
    this.acknowledgeDeploymentHandler();
    return entry;
  }

  /**
   * The role of CDK's deployment handler: read the staged assets, sync the UI bucket. Handed
   * to BucketDeployment immutable, so CDK's wildcard grants (`s3:GetObject*`, `s3:List*`,
   * `s3:DeleteObject*`, `s3:Abort*`) are not added: no policy of the stack has a wildcard action.
   */
  private createDeployRole(): IRole {
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const statements = [
      // The CDK bootstrap bucket of this account and region (any qualifier) holds the staged zips.
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [`arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}/*`],
      }),
      new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [this.bucket.arnForObjects('*')] }),
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    ];
    for (const statement of statements) {
      role.addToPrincipalPolicy(statement);
      acknowledgeWildcardResources(role, statement, "The deployment copies the build's files: object keys are its file names.");
    }
    acknowledge(
      role,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's deployment handler writes its own logs; it runs only during a deployment.",
    );
    return role.withoutPolicyUpdates();
  }

  /** CDK's handler function behind every BucketDeployment (one per stack, memory size and role). */
  private acknowledgeDeploymentHandler(): void {
    for (const handler of Stack.of(this).node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      acknowledge(handler, 'L1', "The runtime of CDK's own deployment handler is chosen by aws-cdk-lib.");
    }
  }
}
