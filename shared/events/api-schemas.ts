/** Request and response shapes of the 12345 event routes (zod → OpenAPI, functions/api/contract.ts). */
import * as z from 'zod';
import { EVENT_TYPES } from '../audit/types';
import { MaterialRef } from '../applications/schemas';
import { EVENT_PHOTO_MAX_COUNT } from '../../workflows/events/types';

const text = (max: number) => z.string().trim().min(1).max(max);

export const SubmitEventRequest = z.strictObject({
  serviceId: z.string().max(64).default('citizen-hotline'),
  category: text(64),
  description: text(2000),
  location: z.strictObject({ street: text(64), address: text(200) }),
  contact: z.strictObject({ name: text(50), phone: z.string().regex(/^\+?[0-9-]{5,20}$/, 'must be a phone number') }),
  /** Uploads from `POST /v1/uploads` (`serviceId` of this service, `materialId: "photo"`), in display order. */
  photos: z
    .array(z.strictObject({ uploadId: MaterialRef.shape.uploadId }))
    .max(EVENT_PHOTO_MAX_COUNT)
    .optional(),
});
export type SubmitEventRequest = z.infer<typeof SubmitEventRequest>;

export const EventPath = z.object({ id: z.string().regex(/^E[0-9A-HJKMNP-TV-Z]{26}$/) });
export const EventInboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1024).optional(),
  status: z.enum(['open', 'overdue', 'done']).default('open'),
});
export const ReturnEventRequest = z.strictObject({ reason: text(500) });
export const ReplyEventRequest = z.strictObject({ text: text(2000) });
export const RateEventRequest = z.strictObject({ level: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() });

export const EventAccepted = z.object({ id: z.string(), status: z.string(), links: z.object({ self: z.string() }) });

export const EventView = z.object({
  id: z.string(),
  serviceId: z.string(),
  category: z.string(),
  description: z.string(),
  location: z.object({ street: z.string(), address: z.string() }),
  status: z.enum(['dispatched', 'accepted', 'handled', 'closed', 'failed']),
  department: z.string(),
  submittedAt: z.string(),
  dispatchedAt: z.string(),
  acceptDueAt: z.string(),
  acceptedAt: z.string().optional(),
  handleDueAt: z.string().optional(),
  overdue: z.boolean(),
  repliedAt: z.string().optional(),
  reply: z.string().optional(),
  rating: z.object({ level: z.number(), at: z.string(), comment: z.string().optional() }).optional(),
  returns: z.array(z.object({ department: z.string(), reason: z.string(), at: z.string() })),
  /** The report's photos; `href` answers a short-lived link (`GET /v1/events/{id}/photos/{n}`). */
  photos: z.array(z.object({ n: z.number().int(), contentType: z.string(), sizeBytes: z.number().int(), href: z.string() })),
  timeline: z
    .array(
      z.object({
        at: z.string(),
        type: z.enum(EVENT_TYPES),
        department: z.string().optional(),
        actor: z.object({ role: z.string() }),
        detail: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});
export type EventView = z.infer<typeof EventView>;

export const EventSummary = EventView.omit({ timeline: true, reply: true, rating: true, returns: true, description: true });
/** `n` counts from 1; a photo the event does not have is 404 like any absent resource. */
export const EventPhotoPath = EventPath.extend({ n: z.string().regex(/^[1-9][0-9]?$/) });
export const EventPhotoLink = z.object({ url: z.string().url(), expiresAt: z.string() });
export const EventActionResult = z.object({ id: z.string(), action: z.enum(['accept', 'return', 'reply', 'rate']), at: z.string() });
