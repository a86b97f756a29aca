/** GetExecutionHistory: AWS event shapes, paging and reverse order. */
import type { JsonObject } from '../api-types';
import { SfnError } from '../errors';
import { checkExecutionArn } from './arn';
import type { ApiContext } from './context';
import { epochSeconds, optionalBool, optionalInt, optionalString, requiredString } from './validate';
import { apiErrors } from '../errors';

/** The `*EventDetails` member that carries an event type's details. */
export function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

const DATA_FIELDS = ['input', 'output', 'parameters'];

/** GetExecutionHistory: events in id order (or reversed), paged by id. */
export async function getExecutionHistory(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const arn = requiredString(input, 'executionArn', { min: 1, max: 256 });
  checkExecutionArn(api.scope, arn);
  const max = optionalInt(input, 'maxResults', 0, 1000) || 100;
  const reverse = optionalBool(input, 'reverseOrder') ?? false;
  const includeData = optionalBool(input, 'includeExecutionData') ?? true;
  const token = optionalString(input, 'nextToken', { min: 1, max: 3096 });
  const row = api.catalog.execution(arn);
  if (!row) throw apiErrors.executionMissing(arn);
  let cursor = reverse ? Number.MAX_SAFE_INTEGER : 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, 'base64url').toString());
    if (!Number.isInteger(decoded) || decoded < 0) throw new SfnError('InvalidToken', 'Invalid pagination token');
    cursor = decoded;
  }
  const rows = api.catalog.events(row.id, cursor, max + 1, reverse);
  const page = rows.slice(0, max);
  const events = page.map((e) => {
    const event: JsonObject = { timestamp: epochSeconds(e.at), type: e.type, id: e.id, previousEventId: e.previous_id };
    if (e.details !== null) {
      const details = JSON.parse(e.details) as JsonObject;
      if (!includeData) for (const field of DATA_FIELDS) delete details[field];
      event[detailsKey(e.type)] = details;
    }
    return event;
  });
  const out: JsonObject = { events };
  if (rows.length > max) out.nextToken = Buffer.from(String(page[page.length - 1]!.id)).toString('base64url');
  return out;
}
