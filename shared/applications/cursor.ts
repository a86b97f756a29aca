import { ValidationError } from '../errors';

/** Opaque pagination cursors: DynamoDB's LastEvaluatedKey as base64url JSON. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/** The start key of a cursor; a cursor that is not ours (or from another list) is a 422 on `cursor`. */
export function decodeCursor(cursor: string | undefined, expected: readonly string[]): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    expected.every((k) => typeof (key as Record<string, unknown>)[k] === 'string') &&
    Object.values(key).every((v) => typeof v === 'string');
  if (!valid) throw new ValidationError([{ path: 'cursor', message: 'not a cursor returned by this list' }]);
  return key as Record<string, unknown>;
}
