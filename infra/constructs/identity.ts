import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
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
}
