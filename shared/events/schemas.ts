/** The results the API sends back through a task token, and the step inputs (zod, parsed at each step's edge). */
import * as z from 'zod';

const at = z.iso.datetime({ offset: true });
export const AcceptAction = z.object({ action: z.literal('accept'), by: z.string(), at });
export const ReturnAction = z.object({ action: z.literal('return'), by: z.string(), at, reason: z.string() });
export const ReplyAction = z.object({ action: z.literal('reply'), by: z.string(), at, text: z.string() });
export const RateAction = z.object({
  action: z.literal('rate'),
  by: z.string(),
  at,
  level: z.number().int().min(1).max(5),
  comment: z.string().optional(),
});

export const EventStepInput = z.discriminatedUnion('step', [
  z.object({ step: z.literal('dispatch'), eventId: z.string(), input: z.unknown().optional() }),
  z.object({ step: z.literal('accept'), eventId: z.string(), input: AcceptAction }),
  z.object({ step: z.literal('checkpoint'), eventId: z.string(), stage: z.enum(['acceptance', 'reply']) }),
  z.object({ step: z.literal('handled'), eventId: z.string(), input: ReplyAction }),
  z.object({ step: z.literal('rated'), eventId: z.string(), input: RateAction }),
  z.object({ step: z.literal('rating-expired'), eventId: z.string() }),
  z.object({ step: z.literal('failed'), eventId: z.string(), error: z.unknown().optional() }),
]);
export type EventStepInput = z.infer<typeof EventStepInput>;

export const EventAwaitInput = z.object({
  eventId: z.string(),
  stage: z.enum(['acceptance', 'reply', 'rating']),
  token: z.string().min(1),
});
export type EventAwaitInput = z.infer<typeof EventAwaitInput>;
