import type { JsonObject } from '../../src/api-types';

/** What the count needs of an engine: any checkout's `Engine` (the benches load other checkouts' engines too). */
interface ListsExecutions {
  call(op: 'ListExecutions', input: JsonObject): Promise<JsonObject>;
}

/** How many executions of `stateMachineArn` SUCCEEDED, every page of ListExecutions read. */
export async function countSucceeded(engine: ListsExecutions, stateMachineArn: string): Promise<number> {
  let succeeded = 0;
  let nextToken: string | undefined;
  do {
    const page = await engine.call('ListExecutions', {
      stateMachineArn,
      statusFilter: 'SUCCEEDED',
      maxResults: 1000,
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    succeeded += (page.executions as JsonObject[]).length;
    nextToken = page.nextToken as string | undefined;
  } while (nextToken !== undefined);
  return succeeded;
}
