/**
 * A 12345 report's photos (issue 10). The citizen uploads each through `POST /v1/uploads`
 * as material `photo` of the event service, then names the upload ids in `POST /v1/events`.
 * Each upload is verified as a material is (owner, service, declared size and sha256, image
 * type by magic bytes, size cap) and copied to `events/<eventId>/photo-<n>` BEFORE the event
 * is stored, so a stored event never names a missing photo (docs/DESIGN.md "Crash consistency").
 */
import { ValidationError, type FieldError } from '../errors';
import type { Principal } from '../auth/principal';
import { findEventService } from '../../workflows/events/catalog';
import { EVENT_PHOTO_MATERIAL, type EventDefinition } from '../../workflows/events/types';
import type { VerifiedUpload } from '../documents/store';
import type { EventContext } from './context';

/** A photo as the event stores it; `n` counts from 1 in the order of the request. */
export interface StoredPhoto {
  n: number;
  key: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Where photo `n` of an event lives in the materials bucket (prefix `events/`, its own IAM area). */
export const eventPhotoKey = (eventId: string, n: number): string => `events/${eventId}/photo-${n}`;

/** The upload slot of an event service (`photo`), as a material's rules, or undefined for another id. */
export function eventPhotoSlot(serviceId: string, materialId: string) {
  const def = findEventService(serviceId);
  if (!def || materialId !== EVENT_PHOTO_MATERIAL) return undefined;
  return { id: EVENT_PHOTO_MATERIAL, accept: def.photos.accept as readonly string[], maxBytes: def.photos.maxBytes };
}

/**
 * Verifies every named upload (all of them, so the citizen sees every problem at once), then
 * copies them under the event's keys. Nothing is copied unless every one passes; a retry
 * copies to the same keys.
 */
export async function verifyAndStorePhotos(
  ctx: EventContext,
  def: EventDefinition,
  p: Principal,
  eventId: string,
  refs: readonly { uploadId: string }[],
): Promise<StoredPhoto[]> {
  const errors = photoRefErrors(def, refs);
  if (errors.length) throw new ValidationError(errors);
  const results = await Promise.allSettled(
    refs.map((r, i) =>
      ctx.docs.verifyUpload({
        uploadId: r.uploadId,
        ownerSub: p.sub,
        serviceId: def.id,
        materialId: EVENT_PHOTO_MATERIAL,
        accept: def.photos.accept,
        maxBytes: def.photos.maxBytes,
        path: `photos[${i}].uploadId`,
      }),
    ),
  );
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  const other = failures.find((f) => !(f instanceof ValidationError));
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows a rejection reason unchanged
  if (other) throw other;
  if (failures.length) throw new ValidationError(failures.flatMap((f) => (f as ValidationError).errors));
  const verified = results.map((r) => (r as PromiseFulfilledResult<VerifiedUpload>).value);
  // Every copy settles before the request answers (none still in flight after a failure).
  const copies = await Promise.allSettled(
    verified.map(async (v, i) => {
      const key = eventPhotoKey(eventId, i + 1);
      await ctx.docs.copyUpload(v.uploadId, key);
      return { n: i + 1, key, contentType: v.contentType, sizeBytes: v.sizeBytes, sha256: v.sha256 };
    }),
  );
  const failed = copies.find((c): c is PromiseRejectedResult => c.status === 'rejected');
  if (failed) throw failed.reason;
  return copies.map((c) => (c as PromiseFulfilledResult<StoredPhoto>).value);
}

/** Too many photos for this service, or one upload named twice. */
function photoRefErrors(def: EventDefinition, refs: readonly { uploadId: string }[]): FieldError[] {
  const errors: FieldError[] = [];
  if (refs.length > def.photos.maxCount) errors.push({ path: 'photos', message: `at most ${def.photos.maxCount} photos per report` });
  refs.forEach((r, i) => {
    if (refs.findIndex((o) => o.uploadId === r.uploadId) < i)
      errors.push({ path: `photos[${i}].uploadId`, message: `upload ${r.uploadId} is named twice` });
  });
  return errors;
}

/** What a reader sees of the photos: never the bucket key; the bytes through the photo route. */
export const photoViews = (eventId: string, photos: readonly StoredPhoto[] = []) =>
  photos.map((ph) => ({ n: ph.n, contentType: ph.contentType, sizeBytes: ph.sizeBytes, href: `/v1/events/${eventId}/photos/${ph.n}` }));
