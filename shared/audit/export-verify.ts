/**
 * Offline check of a signed export (scripts/verify-export.ts): recompute the SHA-256 over the
 * exact bytes, compare it with the digest, and verify the signature with the public key.
 * Works on bytes, not decoded text, so a changed byte anywhere is caught.
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import type { ExportDigest } from './export';

export interface ExportCheck {
  ok: boolean;
  problems: string[];
  digest?: ExportDigest;
}

const LF = 0x0a;

/** Splits an NDJSON export into the signed bytes and its digest line. */
export function splitNdjson(bytes: Buffer): { content: Buffer; digest?: ExportDigest; lines: number } {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === LF ? bytes.length - 1 : bytes.length;
  const start = bytes.lastIndexOf(LF, end - 1) + 1;
  const content = bytes.subarray(0, start);
  let digest: ExportDigest | undefined;
  try {
    digest = (JSON.parse(bytes.subarray(start, end).toString('utf8')) as { digest?: ExportDigest }).digest;
  } catch {
    digest = undefined;
  }
  let lines = 0;
  for (const b of content) if (b === LF) lines++;
  return { content, ...(digest ? { digest } : {}), lines };
}

/** `null` for Ed25519 (it hashes internally), SHA-256 for the ECDSA P-256 key of KMS. */
function hashFor(publicKeyPem: string): string | null {
  const type = createPublicKey(publicKeyPem).asymmetricKeyType;
  if (type === 'ed25519') return null;
  if (type === 'ec') return 'sha256';
  throw new Error(`unsupported key type ${String(type)} (SM2: verify with openssl/gmssl, see README)`);
}

/**
 * Checks `bytes` against `digest` (CSV: from the `OneThing-Digest` header) or the digest line
 * (NDJSON, `digest` omitted). `count` is compared with the events found.
 */
export function checkExport(bytes: Buffer, publicKeyPem: string, csvDigest?: ExportDigest): ExportCheck {
  const problems: string[] = [];
  let content: Buffer;
  let digest: ExportDigest | undefined;
  let events: number;
  if (csvDigest) {
    content = bytes;
    digest = csvDigest;
    let lines = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF) lines++;
    events = lines - 1; // the header row; quoted fields never hold a raw LF (detail is JSON)
  } else {
    const split = splitNdjson(bytes);
    content = split.content;
    digest = split.digest;
    events = split.lines;
  }
  if (!digest) return { ok: false, problems: ['no digest: the last line is not {"digest": {...}}'] };
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== digest.sha256) problems.push(`sha256 mismatch: content hashes to ${sha256}, digest says ${digest.sha256}`);
  if (events !== digest.count) problems.push(`count mismatch: ${events} events, digest says ${digest.count}`);
  const signed = cryptoVerify(
    hashFor(publicKeyPem),
    Buffer.from(digest.sha256, 'utf8'),
    publicKeyPem,
    Buffer.from(digest.signature, 'base64'),
  );
  if (!signed) problems.push('signature does not verify with this public key');
  return { ok: problems.length === 0, problems, digest };
}
