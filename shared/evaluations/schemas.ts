/** What the evaluation and notification endpoints accept and return (zod -> OpenAPI). */
import * as z from 'zod';
import { ListQuery } from '../applications/schemas';
import { EVALUATION_ID } from './records';
import { NOTIFICATION_ID } from '../notifications/records';
import { NOTIFICATION_KINDS } from '../../workflows/notification-templates';

const Level = z.number().int().min(1).max(5);
const Score = z.number().int().min(1).max(5);

export const EvaluationRequest = z
  .object({
    level: Level.describe('5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意'),
    dimensions: z
      .object({ efficiency: Score.optional(), guidance: Score.optional(), convenience: Score.optional(), usability: Score.optional() })
      .strict()
      .optional(),
    comment: z.string().min(1).max(1000).optional(),
  })
  .strict();
export type EvaluationRequest = z.infer<typeof EvaluationRequest>;

export const FollowUpRequest = z.object({ note: z.string().min(1).max(2000) }).strict();
export type FollowUpRequest = z.infer<typeof FollowUpRequest>;

const CST_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const EvaluationQuery = ListQuery.extend({
  from: z.string().regex(CST_DATE, 'expected a CST date YYYY-MM-DD').optional(),
  to: z.string().regex(CST_DATE, 'expected a CST date YYYY-MM-DD').optional(),
  serviceId: z.string().max(64).optional(),
  bad: z.enum(['true', 'false']).optional(),
});
export type EvaluationQuery = z.infer<typeof EvaluationQuery>;

export const EvaluationPath = z.object({ id: z.string().regex(EVALUATION_ID) });
export const NotificationPath = z.object({ id: z.string().regex(NOTIFICATION_ID) });

const Localized = z.object({ zh: z.string(), en: z.string() });

export const FollowUpView = z.object({
  dueAt: z.string(),
  answeredAt: z.string().optional(),
  note: z.string().optional(),
  overdue: z.boolean(),
});

export const EvaluationView = z.object({
  id: z.string(),
  applicationId: z.string(),
  serviceId: z.string(),
  level: Level,
  dimensions: z.record(z.string(), z.number()).optional(),
  comment: z.string().optional(),
  createdAt: z.string(),
  walkthrough: z.boolean(),
  followUp: FollowUpView.optional(),
});

export const NotificationView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  applicationId: z.string(),
  title: Localized,
  body: Localized,
  read: z.boolean(),
});
