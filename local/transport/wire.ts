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
  let at = 0;
  while (at < text.length) {
    if (text[at] === '-') {
      fields.push(undefined);
      at++;
      continue;
    }
    const colon = text.indexOf(':', at);
    const length = colon > at ? Number(text.slice(at, colon)) : Number.NaN;
    const end = colon + 1 + length;
    if (!Number.isInteger(length) || end > text.length) throw new Error(`malformed wire text at ${at}`);
    fields.push(text.slice(colon + 1, end));
    at = end;
  }
  return fields;
}

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

const REQUEST_FIELDS = 3 + READ_HEADERS.length;
const ANSWER_FIELDS = 4;

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
  return records(splitFields(text), REQUEST_FIELDS, (f) => {
    const headers: Record<string, string> = {};
    READ_HEADERS.forEach((name, i) => {
      const value = f[3 + i];
      if (value !== undefined) headers[name] = value;
    });
    return { id: Number(f[0]), request: { method: f[1]!, body: f[2]!, headers } };
  });
}

export function encodeAnswers(answers: readonly WireAnswer[]): string {
  const fields: string[] = [];
  for (const { id, answer } of answers) fields.push(String(id), String(answer.status), answer.contentType, answer.body);
  return joinFields(fields);
}

export function decodeAnswers(text: string): WireAnswer[] {
  return records(splitFields(text), ANSWER_FIELDS, (f) => ({
    id: Number(f[0]),
    answer: { status: Number(f[1]), contentType: f[2]!, body: f[3]! },
  }));
}

function records<T>(fields: Array<string | undefined>, size: number, build: (fields: Array<string | undefined>) => T): T[] {
  if (fields.length % size !== 0) throw new Error(`wire text of ${fields.length} fields is not records of ${size}`);
  const out: T[] = [];
  for (let at = 0; at < fields.length; at += size) out.push(build(fields.slice(at, at + size)));
  return out;
}
