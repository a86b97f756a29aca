import type { Context } from '../applications/context';
import { logEvaluation, logFollowUp } from './service';
import { MARKS } from './records';

export interface EvaluationCheckReport {
  /** Evaluations and answers whose events a crash left unlogged, now logged. */
  finished: number;
  /** Bad reviews past their follow-up due date and unanswered. */
  unanswered: Array<{ evaluationId: string; applicationId: string; leadDepartment: string; dueAt: string }>;
}

/**
 * The scheduled part of 好差评: finishes evaluations and answers whose timing-log event a crash
 * left unlogged (marks older than the grace period, so a request in flight finishes its own),
 * and lists the bad reviews whose follow-up is overdue (read from the sparse `FOLLOWUP#open`
 * mark, whose sort key is the due instant: only overdue ones are read).
 */
export async function checkEvaluations(ctx: Context, opts: { graceMs?: number; limit?: number } = {}): Promise<EvaluationCheckReport> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - (opts.graceMs ?? 60_000)).toISOString();
  const limit = opts.limit ?? 500;
  let finished = 0;
  for (const e of await ctx.evaluations.marked(MARKS.unlogged, before, limit)) {
    await logEvaluation(ctx, e);
    finished++;
  }
  for (const e of await ctx.evaluations.marked(MARKS.answerUnlogged, before, limit)) {
    await logFollowUp(ctx, e);
    finished++;
  }
  const overdue = await ctx.evaluations.marked(MARKS.followUpOpen, now.toISOString(), limit);
  return {
    finished,
    unanswered: overdue.map((e) => ({
      evaluationId: e.id,
      applicationId: e.applicationId,
      leadDepartment: e.leadDepartment,
      dueAt: e.followUp?.dueAt ?? '',
    })),
  };
}
