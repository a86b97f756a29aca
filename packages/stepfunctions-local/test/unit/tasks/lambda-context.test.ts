import { createLambdaInvoker, type LambdaContext, type LambdaHandler } from '../../../src/tasks/lambda';

/** The context a handler sees when invoked for a Task with `timeoutSeconds`. */
async function contextFor(timeoutSeconds: number | undefined): Promise<LambdaContext> {
  let seen: LambdaContext | undefined;
  const handler: LambdaHandler = async (_event, context) => {
    seen = context;
    return null;
  };
  const now = () => Date.parse('2026-10-01T00:00:00Z');
  await createLambdaInvoker(new Map([['fn', handler]]), now).invoke('fn', {}, timeoutSeconds);
  if (!seen) throw new Error('handler not invoked');
  return seen;
}

describe('the Lambda context of an in-process invocation', () => {
  it('never gives a function more than 15 minutes, even for a waitForTaskToken Task that waits 30 days', async () => {
    // 30 days in ms overflows setTimeout (2^31-1): middy's early-timeout timer fired at once.
    expect((await contextFor(30 * 86_400)).getRemainingTimeInMillis()).toBe(900_000);
  });

  it("keeps a shorter Task timeout, and AWS's 15 minutes when there is none", async () => {
    expect((await contextFor(20)).getRemainingTimeInMillis()).toBe(20_000);
    expect((await contextFor(undefined)).getRemainingTimeInMillis()).toBe(900_000);
  });
});
