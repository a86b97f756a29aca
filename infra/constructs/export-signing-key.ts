import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface ExportSigningKeyProps {
  /**
   * ECC_NIST_P256 (ECDSA_SHA_256) everywhere; SM2 (SM2DSA) only in the China regions, where
   * KMS offers it (docs/DESIGN.md "Signed export"). @default 'ECC_NIST_P256'
   */
  readonly spec?: 'ECC_NIST_P256' | 'SM2';
}

/**
 * The asymmetric key that signs audit exports (issue 8). The private half never leaves KMS;
 * the export function may only kms:Sign and the public-key function only kms:GetPublicKey.
 * Asymmetric keys cannot rotate: a new key would be a new keyId, and old exports keep
 * verifying with the old public key, so the key is retained.
 */
export class ExportSigningKey extends Construct {
  readonly key: Key;
  readonly spec: 'ECC_NIST_P256' | 'SM2';

  constructor(scope: Construct, id: string, props: ExportSigningKeyProps = {}) {
    super(scope, id);
    this.spec = props.spec ?? 'ECC_NIST_P256';
    this.key = new Key(this, 'Key', {
      alias: 'alias/onething-audit-export',
      description: 'OneThing: signs audit exports (kms:Sign by the export function only)',
      keySpec: this.spec === 'SM2' ? KeySpec.SM2 : KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
