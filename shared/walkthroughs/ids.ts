import { createHash, randomBytes } from 'node:crypto';
import { APP_ID } from '../applications/ids';
import { WALKTHROUGH_ID } from './schemas';

/** `W` + the application id without its `A`: a walk-through and its application resolve to each other. */
export const walkthroughIdOf = (applicationId: string): string => 'W' + applicationId.slice(1);

/** The application of a walk-through id, or undefined when it is not one. */
export function applicationIdOf(walkthroughId: string): string | undefined {
  if (!WALKTHROUGH_ID.test(walkthroughId)) return undefined;
  const id = 'A' + walkthroughId.slice(1);
  return APP_ID.test(id) ? id : undefined;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base32 = (bytes: Buffer, length: number) => Array.from({ length }, (_, i) => ALPHABET[(bytes[i] ?? 0) % 32]).join('');

/** A finding id: derived from (sub, Idempotency-Key) when given, so a retry finds the same finding; else random. */
export function findingId(sub: string, idempotencyKey?: string): string {
  const bytes = idempotencyKey === undefined ? randomBytes(26) : createHash('sha512').update(`${sub}\n${idempotencyKey}`).digest();
  return 'F' + base32(bytes, 26);
}
