/**
 * The signed export in memory: RFC 4180 fields, the NDJSON digest line, the offline check
 * (tampered bytes, wrong count, a forged digest, another key), and the KMS signer (mocked
 * client signing with a real P-256 key, as KMS would) verifying with the same check.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { csvField, exportBody, signExport, CSV_BOM } from '../../../../shared/audit/export';
import { checkExport } from '../../../../shared/audit/export-verify';
import { kmsSigner, localEd25519Signer, LOCAL_KEY_FILE } from '../../../../shared/audit/signer';
import type { InspectorEvent } from '../../../../shared/audit/events-query';

const event = (seq: number, detail?: Record<string, unknown>): InspectorEvent => ({
  applicationId: 'A01TESTAPP',
  seq,
  at: `2026-09-30T02:00:0${seq}.000Z`,
  type: seq === 1 ? 'submitted' : 'decided',
  serviceId: 'school-enrolment',
  ...(seq > 1 ? { department: 'education' } : {}),
  actor: { role: seq === 1 ? 'citizen' : 'officer', sub: `u${seq}` },
  ...(detail ? { detail } : {}),
  walkthrough: false,
  prevHash: String(seq - 1).repeat(64),
  hash: String(seq).repeat(64),
});
const PERIOD = { from: '2026-09-30', to: '2026-09-30' };
const events = [event(1), event(2, { decision: 'reject', comment: '材料不全, "户口本"缺页' })];

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-unit-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('csvField quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
  expect(csvField('plain 中文')).toBe('plain 中文');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  expect(csvField('')).toBe('');
});

test('CSV: BOM, header, CRLF rows, the detail JSON quoted', () => {
  const body = exportBody(events, 'csv');
  expect(body.startsWith(CSV_BOM)).toBe(true);
  const rows = body.slice(1).split('\r\n');
  expect(rows).toHaveLength(4); // header, two events, the empty rest after the last CRLF
  expect(rows[2]).toBe(
    'A01TESTAPP,2,2026-09-30T02:00:02.000Z,decided,school-enrolment,education,officer,u2,,,false,' +
      `"{""decision"":""reject"",""comment"":""材料不全, \\""户口本\\""缺页""}",${'1'.repeat(64)},${'2'.repeat(64)}`,
  );
});

test('NDJSON: the digest line hashes every byte before it and verifies; any change is caught', async () => {
  const signer = localEd25519Signer(dir);
  const { publicKeyPem, keyId } = await signer.publicKey();
  const { body, digest } = await signExport(events, 'ndjson', PERIOD, signer);
  const lines = body.split('\n');
  expect(JSON.parse(lines[2]!)).toEqual({ digest });
  expect(digest).toMatchObject({ count: 2, ...PERIOD, keyId });
  expect(digest.sha256).toBe(createHash('sha256').update(`${lines[0]}\n${lines[1]}\n`).digest('hex'));
  expect(checkExport(Buffer.from(body), publicKeyPem)).toEqual({ ok: true, problems: [], digest });

  const edited = Buffer.from(body.replace('"reject"', '"rejekt"'));
  expect(checkExport(edited, publicKeyPem).problems).toEqual([expect.stringContaining('sha256 mismatch')]);
  // A line dropped and the digest recomputed by the forger: the signature no longer holds.
  const forged = `${lines[0]}\n`;
  const forgedDigest = { ...digest, count: 1, sha256: createHash('sha256').update(forged).digest('hex') };
  expect(checkExport(Buffer.from(`${forged}${JSON.stringify({ digest: forgedDigest })}\n`), publicKeyPem).problems).toEqual([
    'signature does not verify with this public key',
  ]);
  const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  expect(checkExport(Buffer.from(body), other).ok).toBe(false);
  expect(checkExport(Buffer.from(lines.slice(0, 2).join('\n')), publicKeyPem).problems[0]).toMatch(/no digest/);
});

test('the local key is made once (0600) and read back: the same keyId from a second signer', async () => {
  const first = await localEd25519Signer(dir).publicKey();
  expect(fs.statSync(path.join(dir, LOCAL_KEY_FILE)).mode & 0o777).toBe(0o600);
  const second = await localEd25519Signer(dir).publicKey();
  expect(second).toEqual(first);
  expect(fs.readdirSync(dir)).toEqual([LOCAL_KEY_FILE]); // no temporary file left
});

test('KMS signer: Sign with ECDSA_SHA_256 over the hex digest, keyId = the key ARN, verifies offline', async () => {
  const ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kms = mockClient(KMSClient);
  kms.on(SignCommand).callsFake((input: { Message: Uint8Array }) => ({
    KeyId: ARN,
    Signature: cryptoSign('sha256', Buffer.from(input.Message), privateKey), // DER, as KMS returns it
  }));
  kms.on(GetPublicKeyCommand).resolves({ KeyId: ARN, PublicKey: publicKey.export({ type: 'spki', format: 'der' }) });
  const signer = kmsSigner(new KMSClient({ region: 'us-east-1' }), ARN);
  const { body, digest } = await signExport(events, 'csv', PERIOD, signer);
  expect(kms.commandCalls(SignCommand)[0]!.args[0].input).toMatchObject({
    KeyId: ARN,
    MessageType: 'RAW',
    SigningAlgorithm: 'ECDSA_SHA_256',
  });
  expect(Buffer.from(kms.commandCalls(SignCommand)[0]!.args[0].input.Message!).toString()).toBe(digest.sha256);
  const info = await signer.publicKey();
  expect(info).toEqual({ keyId: ARN, algorithm: 'ECDSA_SHA_256', publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
  expect(createPublicKey(info.publicKeyPem).asymmetricKeyType).toBe('ec');
  expect(checkExport(Buffer.from(body), info.publicKeyPem, digest)).toEqual({ ok: true, problems: [], digest });
  expect(checkExport(Buffer.from(body), info.publicKeyPem, { ...digest, count: 3 }).problems).toEqual([
    'count mismatch: 2 events, digest says 3',
  ]);
  kms.restore();
});
