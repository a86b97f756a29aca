/**
 * The signed export of the timing log (HTTP-API.md `GET /v1/audit/export`): every event of
 * the period in time order, then a digest. NDJSON: one event per line, then one last line
 * `{"digest": {...}}`, `sha256` over every byte before that line. CSV: a header row and one
 * row per event (RFC 4180: CRLF, fields quoted when needed), the same digest sent in the
 * `OneThing-Digest` header, `sha256` over the whole body. `signature` is over the UTF-8 bytes
 * of the hex digest.
 */
import { createHash } from 'node:crypto';
import type { InspectorEvent } from './events-query';
import type { ExportSigner } from './signer';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportDigest {
  sha256: string;
  count: number;
  from: string;
  to: string;
  signature: string;
  keyId: string;
}

export interface SignedExport {
  body: string;
  digest: ExportDigest;
}

/**
 * Excel as installed in China opens a CSV without a BOM in the ANSI code page (GBK) and shows
 * the Chinese text garbled; with the UTF-8 BOM it reads UTF-8. The BOM is part of the body and
 * of the digest.
 */
export const CSV_BOM = '\uFEFF';

export const CSV_COLUMNS = [
  'applicationId',
  'seq',
  'at',
  'type',
  'serviceId',
  'department',
  'actorRole',
  'actorSub',
  'dueAt',
  'workingDaysUsed',
  'walkthrough',
  'detail',
  'prevHash',
  'hash',
] as const;

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(e: InspectorEvent): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    applicationId: e.applicationId,
    seq: String(e.seq),
    at: e.at,
    type: e.type,
    serviceId: e.serviceId,
    department: e.department ?? '',
    actorRole: e.actor.role,
    actorSub: e.actor.sub ?? '',
    dueAt: e.dueAt ?? '',
    workingDaysUsed: e.workingDaysUsed === undefined ? '' : String(e.workingDaysUsed),
    walkthrough: String(e.walkthrough),
    detail: e.detail === undefined ? '' : JSON.stringify(e.detail),
    prevHash: e.prevHash,
    hash: e.hash,
  };
  return CSV_COLUMNS.map((c) => csvField(cells[c])).join(',');
}

/** The body without its digest: NDJSON lines or the CSV (BOM, header, rows), each line ended. */
export function exportBody(events: readonly InspectorEvent[], format: ExportFormat): string {
  if (format === 'ndjson') return events.map((e) => `${JSON.stringify(e)}\n`).join('');
  return CSV_BOM + [CSV_COLUMNS.join(','), ...events.map(csvRow)].map((line) => `${line}\r\n`).join('');
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Digest and signature over `body`; for NDJSON the digest line is appended. */
export async function signExport(
  events: readonly InspectorEvent[],
  format: ExportFormat,
  period: { from: string; to: string },
  signer: ExportSigner,
): Promise<SignedExport> {
  const content = exportBody(events, format);
  const sha256 = sha256Hex(content);
  const { signature, keyId } = await signer.sign(Buffer.from(sha256, 'utf8'));
  const digest: ExportDigest = {
    sha256,
    count: events.length,
    from: period.from,
    to: period.to,
    signature: signature.toString('base64'),
    keyId,
  };
  return { body: format === 'ndjson' ? `${content}${JSON.stringify({ digest })}\n` : content, digest };
}
