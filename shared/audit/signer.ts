/**
 * Who signs audit exports (issue 8), behind one interface so the export does not care where
 * the private key lives:
 * - locally an Ed25519 key generated once into the data folder (`export-signing-key.pem`,
 *   0600) and kept across restarts; keyId = `sha256:` + the SHA-256 of its public key (SPKI DER);
 * - on AWS a KMS asymmetric key (ECC_NIST_P256 / ECDSA_SHA_256) that never leaves KMS;
 *   keyId = the key's ARN, which Sign returns, so the export function needs kms:Sign only.
 * The signed message is always the UTF-8 bytes of the hex SHA-256 digest (HTTP-API.md).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';

export type SigningAlgorithm = 'Ed25519' | 'ECDSA_SHA_256' | 'SM2DSA';

export interface PublicKeyInfo {
  keyId: string;
  algorithm: SigningAlgorithm;
  publicKeyPem: string;
}

export interface ExportSigner {
  sign(message: Buffer): Promise<{ signature: Buffer; keyId: string }>;
  publicKey(): Promise<PublicKeyInfo>;
}

export const LOCAL_KEY_FILE = 'export-signing-key.pem';

/** `sha256:<hex>` of the DER SubjectPublicKeyInfo: the same id whoever computes it from the PEM. */
export const fingerprintOf = (publicKey: KeyObject): string =>
  `sha256:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;

/**
 * The local key: read from `dir`, or generated once. A new key is written to a temporary file
 * and hard-linked into place, so a crash never leaves a half-written key and two processes
 * starting together agree on one key (the second link fails and that process reads the winner's).
 */
export function loadOrCreateLocalKey(dir: string): KeyObject {
  const file = path.join(dir, LOCAL_KEY_FILE);
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  return createPrivateKey(fs.readFileSync(file));
}

export function localEd25519Signer(dir: string): ExportSigner {
  let key: KeyObject | undefined;
  const privateKey = () => (key ??= loadOrCreateLocalKey(dir));
  const info = (): PublicKeyInfo => {
    const publicKey = createPublicKey(privateKey());
    return {
      keyId: fingerprintOf(publicKey),
      algorithm: 'Ed25519',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  };
  return {
    sign: (message) => Promise.resolve({ signature: cryptoSign(null, message, privateKey()), keyId: info().keyId }),
    publicKey: () => Promise.resolve(info()),
  };
}

const KMS_ALGORITHMS: Record<'ECC_NIST_P256' | 'SM2', 'ECDSA_SHA_256' | 'SM2DSA'> = { ECC_NIST_P256: 'ECDSA_SHA_256', SM2: 'SM2DSA' };

/** The KMS signer. `keySpec` follows the key the CDK app created (SM2 only where a region offers it). */
export function kmsSigner(kms: KMSClient, keyArn: string, keySpec: 'ECC_NIST_P256' | 'SM2' = 'ECC_NIST_P256'): ExportSigner {
  const algorithm = KMS_ALGORITHMS[keySpec];
  return {
    async sign(message) {
      const out = await kms.send(new SignCommand({ KeyId: keyArn, Message: message, MessageType: 'RAW', SigningAlgorithm: algorithm }));
      if (!out.Signature) throw new Error('kms: Sign returned no signature');
      return { signature: Buffer.from(out.Signature), keyId: out.KeyId ?? keyArn };
    },
    async publicKey() {
      const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyArn }));
      if (!out.PublicKey) throw new Error('kms: GetPublicKey returned no key');
      const pem = createPublicKey({ key: Buffer.from(out.PublicKey), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' });
      return { keyId: out.KeyId ?? keyArn, algorithm, publicKeyPem: pem.toString() };
    },
  };
}
