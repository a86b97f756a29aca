/**
 * How the platform's SDK clients inside the embedded runtime reach its DynamoDB and Step
 * Functions emulators (docs/DESIGN.md "Local transport"):
 *   worker (default): an SDK `requestHandler` hands each signed request to dynalite's actions,
 *     which run with the store and its port in a worker thread reached over a MessagePort (the
 *     store uses the second core), and to the engine's `call` in this process; no TCP, no HTTP;
 *   in-process: the same with dynalite in the main thread (one core; a little less CPU per call);
 *   http: over loopback HTTP to the ports, as every outside client does (A/B runs, diagnosis).
 * The ports are open and served either way.
 */
export const LOCAL_TRANSPORTS = ['in-process', 'worker', 'http'] as const;
export type LocalTransport = (typeof LOCAL_TRANSPORTS)[number];

export const LOCAL_TRANSPORT_ENV = 'ONETHING_LOCAL_TRANSPORT';

/**
 * The worker thread: with a second core free it gave 1.6x the in-process throughput at
 * concurrency 16 and half the paced submit p99 (docs/BENCHMARKS.md "Issue 9").
 */
export const DEFAULT_LOCAL_TRANSPORT: LocalTransport = 'worker';

/** The transport named by ONETHING_LOCAL_TRANSPORT; another value fails loudly with the variable's name. */
export function localTransportFromEnv(env: NodeJS.ProcessEnv = process.env): LocalTransport {
  const value = env[LOCAL_TRANSPORT_ENV];
  if (value === undefined || value === '') return DEFAULT_LOCAL_TRANSPORT;
  if ((LOCAL_TRANSPORTS as readonly string[]).includes(value)) return value as LocalTransport;
  throw new Error(
    `Invalid local runtime environment: ${LOCAL_TRANSPORT_ENV} must be one of ${LOCAL_TRANSPORTS.join(', ')} (got ${JSON.stringify(value)})`,
  );
}
