import crypto from 'node:crypto';
import http from 'node:http';

/**
 * A small client of the OneThing HTTP API (the handbook's HTTP-API.md; behaviour in docs/API.md) for the demo, the benchmark and
 * the integration tests. It speaks only the public contract, like any outside client.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Record<string, unknown> | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface MaterialFile {
  materialId: string;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  bytes: Buffer;
}

/** One HTTP exchange: how the client reaches the API (fetch by default). */
export type HttpSend = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text: string }>;

const fetchSend: HttpSend = async (url, init) => {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text() };
};

/**
 * node:http with one keep-alive agent: about a third of fetch's CPU per request on Node 20
 * (`npm run bench:platform` prints the client's CPU per application), for the benchmark's
 * client, which must not take the CPU it measures. http:// only (the local runtime).
 */
export function keepAliveHttp(maxSockets = 64): HttpSend {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: init.method, headers: init.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(init.body);
    });
}

export class OneThingClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
    private readonly send: HttpSend = fetchSend,
  ) {}

  /** A client acting as another user (same base URL, same transport). */
  as(token: string): OneThingClient {
    return new OneThingClient(this.baseUrl, token, this.send);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.send(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = res.text;
    const parsed = text ? safeJson(text) : undefined;
    if (res.status < 200 || res.status > 299) {
      const problem = parsed as Record<string, unknown> | undefined;
      throw new ApiError(res.status, problem, `${method} ${path} -> ${res.status} ${String(problem?.detail ?? problem?.title ?? text)}`);
    }
    return parsed as T;
  }

  /** Issues a dev token (local mode only) and returns a client that uses it. */
  async login(claims: { role: string; sub: string; dept?: string }): Promise<OneThingClient> {
    const { token } = await this.request<{ token: string }>('POST', '/v1/dev/tokens', claims);
    return this.as(token);
  }

  /** Uploads one material through a presigned PUT, as a browser would. Returns the uploadId. */
  async upload(serviceId: string, file: MaterialFile): Promise<string> {
    const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
    const ticket = await this.request<{ uploadId: string; url: string; method: string; headers: Record<string, string> }>(
      'POST',
      '/v1/uploads',
      { serviceId, materialId: file.materialId, contentType: file.contentType, sizeBytes: file.bytes.length, sha256 },
    );
    const put = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: file.bytes });
    if (!put.ok) throw new ApiError(put.status, undefined, `upload PUT -> ${put.status} ${await put.text()}`);
    return ticket.uploadId;
  }

  async advanceClock(seconds: number): Promise<string> {
    const { now } = await this.request<{ now: string }>('POST', '/v1/dev/clock', { advanceSeconds: seconds });
    return now;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

/** Minimal valid files whose magic bytes match their type (for demos, probes and tests). */
export const sampleFiles = {
  pdf: (label = 'OneThing sample'): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`),
  png: (): Buffer =>
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    ),
  jpeg: (): Buffer => Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
};

/**
 * A sample file of the first type a material accepts, as listed by `GET /v1/services/{id}`.
 * `label` goes into PDF bodies so that different uploads have different bytes.
 */
export function sampleFileFor(material: { id: string; accept: string[] }, label: string = material.id): MaterialFile {
  const contentType = material.accept[0] as MaterialFile['contentType'];
  const bytes =
    contentType === 'application/pdf' ? sampleFiles.pdf(label) : contentType === 'image/png' ? sampleFiles.png() : sampleFiles.jpeg();
  return { materialId: material.id, contentType, bytes };
}
