/**
 * Opaque pagination cursors. A cursor is `<payload>.<mac>`: the payload is the sort-key part
 * of DynamoDB's LastEvaluatedKey (base64url JSON), the mac an HMAC-SHA256 over the payload AND
 * the list it came from (its name, the caller, the filters), keyed by a secret that never
 * leaves the server. The partition attributes are not in the cursor at all: the server adds
 * them back from the request. So a cursor only works for the list, caller and filters that
 * issued it; anything else (edited, forged, replayed elsewhere, garbage) is a 422 on `cursor`,
 * never a malformed ExclusiveStartKey sent to DynamoDB.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors';
import { applicationField } from '../i18n';
import { isWellFormedText } from '../unicode';

/** One paginated list as a request reads it. */
export interface CursorList {
  /** Which list, e.g. `applications`, `inbox`. */
  name: string;
  /** The caller and the filters of the request; a cursor is valid only with the same ones. */
  bindings: Readonly<Record<string, string>>;
  /** Key attributes the request fixes (the partition): re-added on decode, never trusted from a cursor. */
  partition: Readonly<Record<string, string>>;
  /** The other attributes of the start key, carried in the cursor. */
  carried: readonly string[];
}

export interface CursorCodec {
  /** The cursor of the next page, or undefined on the last page. */
  encode(lastKey: Record<string, unknown> | undefined, list: CursorList): string | undefined;
  /** The ExclusiveStartKey of a cursor issued for `list`; a 422 on `cursor` for anything else. */
  decode(cursor: string | undefined, list: CursorList): Record<string, string> | undefined;
}

const MAC_LENGTH = 43; // base64url of 32 bytes, unpadded
const CURSOR_SHAPE = /^[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{43}$/;
const MAX_VALUE_LENGTH = 1024;

/** The 422 for any cursor this list did not issue to this caller with these filters. */
export const invalidCursor = () => new ValidationError([applicationField('cursor', 'cursor-invalid')]);
const invalid = invalidCursor;

/**
 * The key used when no secret is configured (unit tests; an AWS deployment without
 * `CURSOR_SECRET`): it still binds cursors to their list and detects any edit, but is not
 * secret, so a caller could forge a start key inside its OWN list (harmless: the partition
 * comes from the request). Set `CURSOR_SECRET` to make cursors unforgeable.
 */
export const fallbackCursorSecret = (tableName: string): string =>
  createHash('sha256').update(`onething-cursor\n${tableName}`).digest('hex');

/**
 * Cursors signed with `secret`.
 *
 * @example
 * const cursors = createCursorCodec(config.cursorSecret ?? fallbackCursorSecret(config.tableName));
 * const next = cursors.encode(out.LastEvaluatedKey, list); cursors.decode(next, list) // the key again
 */
export function createCursorCodec(secret: string): CursorCodec {
  const mac = (payload: string, list: CursorList): Buffer => {
    const bindings = Object.entries(list.bindings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // JSON of an array: no separator inside a binding can make two different lists collide.
    return createHmac('sha256', secret)
      .update(JSON.stringify([list.name, bindings, payload]), 'utf8')
      .digest();
  };

  return {
    encode(lastKey, list) {
      if (!lastKey) return undefined;
      const carried = Object.fromEntries(list.carried.map((name) => [name, lastKey[name]]));
      const payload = Buffer.from(JSON.stringify(carried), 'utf8').toString('base64url');
      return `${payload}.${mac(payload, list).toString('base64url')}`;
    },

    decode(cursor, list) {
      if (cursor === undefined) return undefined;
      if (!CURSOR_SHAPE.test(cursor)) throw invalid();
      const [payload = '', sent = ''] = cursor.split('.'); // CURSOR_SHAPE has both parts
      // Compared as text: base64url decoding ignores the last character's spare bits, so
      // comparing bytes would accept a cursor edited there.
      const expected = Buffer.from(mac(payload, list).toString('base64url'));
      const given = Buffer.from(sent);
      if (given.length !== MAC_LENGTH || !timingSafeEqual(given, expected)) throw invalid();
      const carried = parseCarried(payload, list.carried);
      return { ...carried, ...list.partition };
    },
  };
}

// The mac already vouches for the payload; the shape is still checked so that a leaked or
// fallback key cannot turn into a DynamoDB ValidationException (a 500).
function parseCarried(payload: string, names: readonly string[]): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  const entries = Object.entries(value);
  const ok =
    entries.length === names.length &&
    entries.every(
      ([k, v]) => names.includes(k) && typeof v === 'string' && v.length > 0 && v.length <= MAX_VALUE_LENGTH && isWellFormedText(v),
    );
  if (!ok) throw invalid();
  return value as Record<string, string>;
}
