/**
 * The `Idempotency-Key` header. The key only travels to the service, which stores it with the
 * resource it creates (see docs/API.md); the edge checks its shape.
 */
import { ValidationError } from '../../shared/errors';
import { applicationField } from '../../shared/i18n';
import { header } from './body';
import { IDEMPOTENCY_KEY_PATTERN } from '../../shared/names';

/** The key, if sent; 422 naming the header when it is empty, too long or not printable ASCII. */
export function idempotencyKeyOf(headers: Record<string, string | undefined> | undefined): string | undefined {
  const key = header(headers, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ValidationError([applicationField('Idempotency-Key', 'idempotency-key-format')]);
  }
  return key;
}
