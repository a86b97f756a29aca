/**
 * The one way pages call the API: same origin (`/v1`) locally, the configured API URL on AWS;
 * the bearer token, `Accept-Language` of the chosen language, JSON in and out. A problem+json
 * answer becomes an `ApiProblem` whose `fieldErrors` map each `errors[].path` to its message.
 */
import { locale } from '../i18n';
import { session, signOut } from '../session';
import { runtimeConfig } from '../config';
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** Field path (`form.child.idNumber`) -> the API's message for it. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.path, e.message]));
  }
}

export interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** Public endpoints (the catalog) work without a session. */
  anonymous?: boolean;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale.value };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  if (session.value && !opts.anonymous) headers.authorization = `Bearer ${session.value.token}`;
  const res = await fetch(`${runtimeConfig().apiUrl}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as Partial<Problem> & T) : undefined;
  if (!res.ok) {
    // An expired or foreign token: back to sign-in rather than a page of errors.
    if (res.status === 401 && !opts.anonymous) signOut();
    throw new ApiProblem(res.status, data ?? {});
  }
  return data as T;
}

/** A fresh key per user action: a double tap or a retry of the same action sends the same key. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
