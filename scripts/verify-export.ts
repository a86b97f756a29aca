/**
 * Verifies a signed audit export offline (issue 8):
 *   npx tsx scripts/verify-export.ts export.ndjson public-key.pem
 *   npx tsx scripts/verify-export.ts export.csv public-key.pem digest.json   # CSV: the OneThing-Digest header saved
 * `public-key.pem` is `publicKeyPem` of `GET /v1/audit/public-key`. Exit 0 when the digest and
 * the signature hold, 1 when they do not, 2 on bad usage.
 */
import fs from 'node:fs';
import { checkExport } from '../shared/audit/export-verify';
import type { ExportDigest } from '../shared/audit/export';

function main(args: string[]): number {
  const [exportFile, keyFile, digestFile] = args;
  if (!exportFile || !keyFile) {
    process.stderr.write('usage: verify-export <export.ndjson|export.csv> <public-key.pem> [digest.json for CSV]\n');
    return 2;
  }
  const digest = digestFile ? (JSON.parse(fs.readFileSync(digestFile, 'utf8')) as ExportDigest) : undefined;
  const result = checkExport(fs.readFileSync(exportFile), fs.readFileSync(keyFile, 'utf8'), digest);
  if (!result.ok) {
    process.stdout.write(`FAILED ${exportFile}\n${result.problems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  const d = result.digest!;
  process.stdout.write(`OK ${exportFile}: ${d.count} events ${d.from}..${d.to}, sha256 ${d.sha256}, signed by ${d.keyId}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
