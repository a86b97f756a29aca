import * as z from 'zod';
import { DEPARTMENT_ID_PATTERN } from '../../names';

/** The payloads the state machines send to the step handlers (docs/DESIGN.md "State machine"). */
const appId = z.string().regex(/^A[0-9A-HJKMNP-TV-Z]{26}$/, 'not an application id');
const dept = z.string().regex(DEPARTMENT_ID_PATTERN, 'not a department id');
const iso = z.iso.datetime();

/** `departments`: the stage a staged service's OpenStage step opens; without it, the first stage (docs/WORKFLOWS.md "Stages"). */
export const IntakeInput = z.object({
  applicationId: appId,
  serviceId: z.string().min(1),
  serviceVersion: z.number().int().positive(),
  departments: z.array(dept).min(1).max(64).optional(),
  /**
   * The application's walk-through flag from the execution input (state machines generated
   * since issue 9 pass it): then intake reads nothing. Absent (older definitions): read.
   */
  walkthrough: z.boolean().optional(),
});
export type IntakeInput = z.infer<typeof IntakeInput>;

/** `dueAt`/`warnAt` open the task, so the decision wait needs them; the supplement wait sends none. */
export const TaskAwaitInput = z
  .object({
    applicationId: appId,
    department: dept,
    kind: z.enum(['decision', 'supplement']),
    token: z.string().min(1).max(8192),
    dueAt: iso.optional(),
    warnAt: iso.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind !== 'decision') return;
    for (const field of ['dueAt', 'warnAt'] as const) {
      if (input[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'required for a decision wait' });
    }
  });
export type TaskAwaitInput = z.infer<typeof TaskAwaitInput>;

/** `wait`: which wait timed out; `supplement` is the supplement limit's check (the same function, no new grants). */
export const CheckpointInput = z.object({ applicationId: appId, department: dept, wait: z.enum(['decision', 'supplement']).optional() });
export type CheckpointInput = z.infer<typeof CheckpointInput>;

/** `failed` comes from the state machine's catch-all, with the error name it caught (null when it had none). */
export const FinalizeInput = z
  .object({
    applicationId: appId,
    outcome: z.enum(['approved', 'rejected', 'failed']),
    rejectedBy: dept.optional(),
    error: z.string().max(256).nullish(),
  })
  .refine((f) => f.outcome !== 'rejected' || f.rejectedBy !== undefined, {
    path: ['rejectedBy'],
    message: 'required when the outcome is rejected',
  });
export type FinalizeInput = z.infer<typeof FinalizeInput>;

/** The EventBridge schedule's event: nothing in it is used. */
export const ReconcileInput = z.looseObject({});
