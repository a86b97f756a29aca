/**
 * The text form of the DynamoDB worker thread's batches: a batch of requests or answers crosses
 * the MessagePort as ONE string instead of an array of objects. Structured clone copies a string
 * in one piece, while an object graph costs a tag, a key and a value per property on both sides
 * (measured: ~5-10 µs of CPU less per round trip of one call; docs/BENCHMARKS.md "Issue 9: the
 * dynalite thread and its MessagePort").
 *
 * Each field is `<length>:<text>` (length in UTF-16 code units, as `String#length` counts), or
 * `-` when absent, so any text crosses unchanged, separators and all. A record is a fixed
 * number of fields in a fixed order.
 */
import { headerOf } from './sdk-handler';
import type { DynamoDbAnswer, DynamoDbRequest } from './dynamodb';

/** The fields one after the other, each length-prefixed (`-` for undefined). */
export function joinFields(fields: ReadonlyArray<string | undefined>): string {
  let text = '';
  for (const field of fields) text += field === undefined ? '-' : `${field.length}:${field}`;
  return text;
}

/** The fields of `joinFields`, in order; throws on text that `joinFields` cannot have written. */
export function splitFields(text: string): Array<string | undefined> {
  const fields: Array<string | undefined> = [];
  const reader = fieldReader(text);
  while (!reader.done()) fields.push(reader.next());
  return fields;
}

/** Reads `joinFields` text one field at a time (no array of all fields in between). */
function fieldReader(text: string): { next(): string | undefined; done(): boolean } {
  let at = 0;
  return {
    done: () => at >= text.length,
    next() {
      if (text.charCodeAt(at) === DASH) {
        at++;
        return undefined;
      }
      const colon = text.indexOf(':', at);
      const length = colon > at ? Number(text.slice(at, colon)) : Number.NaN;
      const end = colon + 1 + length;
      if (!Number.isInteger(length) || end > text.length) throw new Error(`malformed wire text at ${at}`);
      at = end;
      return text.slice(colon + 1, end);
    },
  };
}
const DASH = '-'.charCodeAt(0);

/** The only headers the answer reads (local/transport/dynamodb.ts `answer`), in wire order. */
const READ_HEADERS = ['content-type', 'x-amz-target', 'authorization'] as const;

/** A request to the worker thread: its id, the method, the body and only the headers dynalite's checks read. */
export interface WireRequest {
  id: number;
  request: DynamoDbRequest;
}
/** An answer from the worker thread to the request of the same id. */
export interface WireAnswer {
  id: number;
  answer: DynamoDbAnswer;
}

export function encodeRequests(requests: readonly WireRequest[]): string {
  const fields: Array<string | undefined> = [];
  for (const { id, request } of requests) {
    fields.push(String(id), request.method, request.body);
    for (const name of READ_HEADERS) fields.push(headerOf(request.headers, name));
  }
  return joinFields(fields);
}

/** The requests of `encodeRequests`, each with only the read headers it had (absent ones stay absent). */
export function decodeRequests(text: string): WireRequest[] {
  const reader = fieldReader(text);
  const requests: WireRequest[] = [];
  while (!reader.done()) {
    const id = Number(reader.next());
    const method = reader.next();
    const body = reader.next();
    const headers: Record<string, string> = {};
    for (const name of READ_HEADERS) {
      if (reader.done()) throw new Error('wire text ends inside a request');
      const value = reader.next();
      if (value !== undefined) headers[name] = value;
    }
    requests.push({ id, request: { method: method!, body: body!, headers } });
  }
  return requests;
}

export function encodeAnswers(answers: readonly WireAnswer[]): string {
  const fields: string[] = [];
  for (const { id, answer } of answers) fields.push(String(id), String(answer.status), answer.contentType, answer.body);
  return joinFields(fields);
}

export function decodeAnswers(text: string): WireAnswer[] {
  const reader = fieldReader(text);
  const answers: WireAnswer[] = [];
  while (!reader.done()) {
    const id = Number(reader.next());
    const status = Number(reader.next());
    const contentType = reader.next();
    if (reader.done()) throw new Error('wire text ends inside an answer');
    answers.push({ id, answer: { status, contentType: contentType!, body: reader.next()! } });
  }
  return answers;
}
