/**
 * The `Idempotency-Key` header. The key only travels to the service, which stores it with the
 * resource it creates (see docs/API.md); the edge checks its shape.
 */
import { ValidationError } from '../../shared/errors';
import { header } from './body';

// Printable ASCII without spaces: UUIDs, ULIDs and random tokens all fit.
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key, if sent; 422 naming the header when it is empty, too long or not printable ASCII. */
export function idempotencyKeyOf(headers: Record<string, string | undefined> | undefined): string | undefined {
  const key = header(headers, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new ValidationError([
      { path: 'Idempotency-Key', message: 'Must be 1-255 printable ASCII characters without spaces' },
    ]);
  }
  return key;
}
