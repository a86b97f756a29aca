import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/auth/principal';

/** An OIDC issuer and the audiences the HTTP API accepts tokens for. */
export interface JwtTrust {
  readonly issuer: string;
  readonly audience: string[];
}

/**
 * The Cognito user pool the HTTP API's JWT authorizer trusts (aws partition; the China
 * regions have no user pools and use an external OIDC issuer). Roles are groups
 * (`cognito:groups`), an officer's department is `custom:dept`; both are set by
 * administrators only: users cannot sign themselves up or write `custom:dept`.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: readonly UserPoolGroup[];

  /** What the API's JWT authorizer checks: this pool's issuer and the web client's id. */
  get jwt(): JwtTrust {
    // From the pool's ProviderURL attribute, so the domain suffix fits the partition.
    return { issuer: `https://${this.userPool.userPoolProviderUrl}`, audience: [this.client.userPoolClientId] };
  }

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: 'onething',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { dept: new StringAttribute({ minLen: 1, maxLen: 40, mutable: true }) },
      mfa: Mfa.REQUIRED,
      // TOTP only: SMS needs an SNS origination setup and is weaker against SIM swap.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A user belongs to one group. Should one be in two, the lower precedence value wins
    // (cognito:preferred_role): ROLES is ordered least privileged first.
    this.groups = ROLES.map(
      (role, i) => new UserPoolGroup(this, `Group-${role}`, { userPool: this.userPool, groupName: role, precedence: i }),
    );
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: 'onething-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      // Users may read their department but never write it (it decides which inbox they see).
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('dept'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }

  /**
   * The Cognito domain of the hosted login the web UI sends users to (web/src/lib/oidc.ts).
   * Prefixes are unique per region; the account id keeps two deployments apart.
   */
  addHostedLoginDomain(): UserPoolDomain {
    return this.userPool.addDomain('HostedLogin', { cognitoDomain: { domainPrefix: `onething-${Aws.ACCOUNT_ID}` } });
  }

  /**
   * Lets the web client use the hosted login: the authorization code grant with PKCE (the
   * client has no secret), redirecting only to the UI's own `/auth/callback` and home page.
   */
  allowHostedLoginFrom(webOrigins: readonly string[]): void {
    // The client is declared without OAuth (SRP sign-in); the UI at these origins needs the code grant.
    const client = this.client.node.defaultChild as CfnUserPoolClient;
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthFlows = ['code'];
    client.allowedOAuthScopes = [...HOSTED_LOGIN_SCOPES];
    client.supportedIdentityProviders = ['COGNITO'];
    client.callbackUrLs = webOrigins.map((o) => `${o}${WEB_CALLBACK_PATH}`);
    client.logoutUrLs = webOrigins.map((o) => `${o}/`);
  }
}

/** The web UI's route that completes the sign-in (web/src/router.ts). */
export const WEB_CALLBACK_PATH = '/auth/callback';

/** `openid` for the ID token the API reads; `email` for the address in it. */
export const HOSTED_LOGIN_SCOPES = ['openid', 'email'] as const;
