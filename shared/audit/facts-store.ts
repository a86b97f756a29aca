/**
 * Reads the facts of the applications SUBMITTED in a period: the `submitted` events of the
 * by-day index (filtered by the server), then each application's chain.
 */
import { QueryCommand, type DocumentStore } from '../aws/document-store';
import { factsOf, type ApplicationFacts, type LoggedEvent } from './facts';
import { utcDaysCovering, type Period } from './period';

interface Deps {
  ddb: DocumentStore;
  tableName: string;
}

async function queryAll<T>(ddb: DocumentStore, input: ConstructorParameters<typeof QueryCommand>[0]): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export async function submittedIn(deps: Deps, period: Period, f: { includeTests: boolean; serviceId?: string }): Promise<string[]> {
  const ids: string[] = [];
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':submitted': 'submitted', ':a': period.startAt, ':b': period.endAt };
  const filter = ['#type = :submitted'];
  if (!f.includeTests) {
    names['#w'] = 'walkthrough';
    values[':false'] = false;
    filter.push('#w = :false');
  }
  if (f.serviceId !== undefined) {
    names['#s'] = 'serviceId';
    values[':service'] = f.serviceId;
    filter.push('#s = :service');
  }
  for (const day of utcDaysCovering(period.startAt, period.endAt)) {
    const items = await queryAll<{ applicationId: string }>(deps.ddb, {
      TableName: deps.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :d AND gsi1sk BETWEEN :a AND :b',
      FilterExpression: filter.join(' AND '),
      ProjectionExpression: 'applicationId',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':d': `DAY#${day}` },
    });
    ids.push(...items.map((i) => i.applicationId));
  }
  return ids;
}

export async function factsOfApplications(deps: Deps, ids: readonly string[]): Promise<ApplicationFacts[]> {
  const out: ApplicationFacts[] = [];
  for (const id of ids) {
    const chain = await queryAll<LoggedEvent>(deps.ddb, {
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `APP#${id}` },
    });
    const facts = factsOf(chain);
    if (facts) out.push(facts);
  }
  return out;
}
