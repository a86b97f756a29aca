/**
 * The tail of an event's submission after its put: log `submitted` (by key) -> StartExecution
 * (name = event id) -> remove the not-started mark. Every step is idempotent, so the client's
 * retry with the same Idempotency-Key and the reconcile pass resume it without duplicates.
 */
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stateMachineArn } from '../applications/executions';
import type { EventContext } from './context';
import type { EventRecord } from './records';
import { eventTiming } from './timing';

/** Logs `submitted` and starts the execution; throws when either fails (the mark stays). */
export async function startEvent(ctx: EventContext, e: EventRecord): Promise<void> {
  await ctx.log.append(e.id, eventTiming.submitted(e), { newChain: false });
  await startExecution(ctx, e);
}

/** StartExecution named after the event: a repeated start cannot run two. No personal data in the input. */
async function startExecution(ctx: EventContext, e: EventRecord): Promise<void> {
  const { deps } = ctx;
  try {
    await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(deps.config, e.serviceId),
        name: e.id,
        input: JSON.stringify({ eventId: e.id, serviceId: e.serviceId, serviceVersion: e.serviceVersion }),
      }),
    );
  } catch (error) {
    // The name exists: an earlier attempt started it, which is what we want.
    if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
  }
}

/**
 * The request's tail, as for applications: a failed append is the request's error (the
 * client retries); a failed StartExecution is logged, not returned, because a stored and
 * logged event is accepted (reconcile or the same request again starts it). The mark is
 * removed only once the execution exists.
 */
export async function finishSubmission(ctx: EventContext, e: EventRecord): Promise<void> {
  await ctx.log.append(e.id, eventTiming.submitted(e), { newChain: false });
  try {
    await startExecution(ctx, e);
  } catch (error) {
    ctx.deps.logger.error('the event is stored but not started; reconcile starts it', { eventId: e.id, error: error as Error });
    return;
  }
  if (e.gsi4pk === undefined) return;
  await ctx.repo.unmarkStart(e.id).catch((error: unknown) => {
    ctx.deps.logger.warn('the not-started mark stays after StartExecution; reconcile removes it', { eventId: e.id, error: error as Error });
  });
}
