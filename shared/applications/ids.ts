import { createHash, randomBytes } from 'node:crypto';
import { DEPARTMENT_ID_PATTERN, TASK_ID_PATTERN } from '../names';

/** Crockford base32: sortable, no I/L/O/U, safe in URLs and S3 keys. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (out.length < length && bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out.slice(0, length);
}

export function timePart(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

/**
 * A new application id: `A` + 10 time characters + 16 random ones (ULID-like, time-ordered).
 * With an Idempotency-Key the id is derived from (sub, key) instead, so that the
 * application's own conditional put is the idempotency record (docs/DESIGN.md).
 *
 * @example
 * applicationId(new Date())             // 'A01J...'
 * applicationId(new Date(), 'u1', 'k1') // same value on every call
 */
export function applicationId(now: Date, sub?: string, idempotencyKey?: string): string {
  if (sub !== undefined && idempotencyKey !== undefined) {
    return 'A' + base32(createHash('sha256').update(`${sub}\n${idempotencyKey}`).digest(), 26);
  }
  return 'A' + timePart(now.getTime()) + base32(randomBytes(10), 16);
}

/** A new upload id: `U` + 128 random bits in base32. */
export const uploadId = (): string => 'U' + base32(randomBytes(16), 26);

/** An upload id derived from a seed (a walk-through's placeholder of one material): the same on every retry. */
export const derivedUploadId = (seed: string): string => 'U' + base32(createHash('sha256').update(seed).digest(), 26);

/** `T` + base64url(`<appId>:<dept>`): opaque to clients, resolvable without a lookup. */
export const taskId = (appId: string, dept: string): string => 'T' + Buffer.from(`${appId}:${dept}`).toString('base64url');

/** The application and department of a task id, or undefined when it is not one. */
export function parseTaskId(id: string): { applicationId: string; department: string } | undefined {
  if (!TASK_ID_PATTERN.test(id)) return undefined;
  const [applicationId, department, ...rest] = Buffer.from(id.slice(1), 'base64url').toString('utf8').split(':');
  if (rest.length || applicationId === undefined || department === undefined) return undefined;
  if (!APP_ID.test(applicationId) || !DEPARTMENT_ID_PATTERN.test(department)) return undefined;
  return { applicationId, department };
}

export const APP_ID = /^A[0-9A-HJKMNP-TV-Z]{26}$/;

/** Keys of the main table (docs/DESIGN.md "Data model"). */
export const keys = {
  application: (appId: string) => ({ pk: `APP#${appId}`, sk: 'APP' as const }),
  task: (appId: string, dept: string) => ({ pk: `APP#${appId}`, sk: `TASK#${dept}` }),
  owner: (sub: string) => `OWNER#${sub}`,
  day: (at: string) => `DAY#${at.slice(0, 10)}`,
  inbox: (dept: string, bucket: 'open' | 'waiting' | 'done') => `DEPT#${dept}#${bucket}`,
  /** gsi3 partition of every walk-through application (shared/walkthroughs). */
  walkthroughs: 'WALKS',
};
