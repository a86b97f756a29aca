/**
 * How the platform's SDK clients inside the embedded runtime reach its DynamoDB and Step
 * Functions emulators (docs/DESIGN.md "Local transport"):
 *   in-process (default): an SDK `requestHandler` hands each signed request to dynalite's
 *     actions / the engine's `call` in this process, no TCP, no HTTP parsing;
 *   worker: the same, but dynalite (store and port) runs in a worker thread, reached over a
 *     MessagePort, so that the store uses the second core;
 *   http: over loopback HTTP to the ports, as every outside client does (A/B runs, diagnosis).
 * The ports are open and served either way.
 */
export const LOCAL_TRANSPORTS = ['in-process', 'worker', 'http'] as const;
export type LocalTransport = (typeof LOCAL_TRANSPORTS)[number];

export const LOCAL_TRANSPORT_ENV = 'ONETHING_LOCAL_TRANSPORT';

/** The transport named by ONETHING_LOCAL_TRANSPORT; another value fails loudly with the variable's name. */
export function localTransportFromEnv(env: NodeJS.ProcessEnv = process.env): LocalTransport {
  const value = env[LOCAL_TRANSPORT_ENV];
  if (value === undefined || value === '') return 'in-process';
  if ((LOCAL_TRANSPORTS as readonly string[]).includes(value)) return value as LocalTransport;
  throw new Error(
    `Invalid local runtime environment: ${LOCAL_TRANSPORT_ENV} must be one of ${LOCAL_TRANSPORTS.join(', ')} (got ${JSON.stringify(value)})`,
  );
}
