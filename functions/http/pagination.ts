/**
 * List responses. The query side (`limit` 1..100 default 20, opaque `cursor`) is `ListQuery`
 * in shared/applications/schemas.ts; a cursor is signed and bound to the list, caller and
 * filters that issued it (shared/applications/cursor.ts): anything else is a 422 on `cursor`.
 */
import * as z from 'zod';

/** A page of `item`: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The wire form of a service's page (`nextCursor` absent -> null, so clients test one field). */
export function toPage<T>(page: { items: T[]; nextCursor?: string }): { items: T[]; nextCursor: string | null } {
  return { items: page.items, nextCursor: page.nextCursor ?? null };
}
