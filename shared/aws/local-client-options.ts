/**
 * What the platform's SDK clients skip when their requests never leave the process: the local
 * runtime's `in-process` and `worker` transports, where createAwsClients receives a local
 * `requestHandler` (docs/DESIGN.md "The SDK clients' own configuration"). Not used on AWS, nor
 * with the local `http` transport: those requests go over a socket and stay signed and tagged.
 *
 * Both levers use the SDK's own configuration; the clients keep the rest of their middleware
 * (serialise, endpoint, retry, deserialise, modelled errors):
 * - SigV4: the emulators in the process (dynalite's actions, the embedded engine) never check a
 *   signature, so computing one (canonical request, 2 HMAC + 2 SHA-256 per call) is waste. The
 *   `signer` option takes any RequestSigner; this one returns the request as it is.
 * - the user agent: `x-amz-user-agent`/`user-agent` are read by nothing in the process, and the
 *   middleware rebuilds and escapes them per call. It is removed from the stack by its name.
 * - the endpoint rules: the endpoint is the constant `endpoint` the client is built with, and
 *   with it (no FIPS, no dual-stack) the service's rules answer that URL on every call; the
 *   `endpointProvider` option answers it without hashing the call's parameters into the rules'
 *   cache. The endpoint middleware itself still runs (parameters, custom endpoint, context).
 */
/** The name @aws-sdk/core registers its user agent middleware under (`getUserAgentMiddlewareOptions`). */
export const USER_AGENT_MIDDLEWARE = 'getUserAgentMiddleware';

/** A RequestSigner that signs nothing: the request reaches an emulator in this process as built. */
const unsignedSigner = { sign: async <Request>(request: Request) => request };

/** An `endpointProvider` that always answers `url`: one endpoint object for every call, as the rules' own cache returns. */
export function fixedEndpointProvider(url: string): () => { url: URL } {
  const endpoint = { url: new URL(url) };
  return () => endpoint;
}

/** The client options of a client whose requests are answered in this process, built with `endpoint`. */
export function inProcessClientOptions(endpoint: string) {
  return { endpoint, signer: async () => unsignedSigner, endpointProvider: fixedEndpointProvider(endpoint) } as const;
}

interface ClientWithStack {
  middlewareStack: { remove(toRemove: string): boolean };
}

/**
 * Removes the user agent middleware from a client whose requests are answered in this process
 * (before its first `send`: commands resolve the client's stack per call, or once with
 * `cacheMiddleware`). Returns the client.
 */
export function withoutUserAgent<Client extends ClientWithStack>(client: Client): Client {
  if (!client.middlewareStack.remove(USER_AGENT_MIDDLEWARE))
    throw new Error(`the SDK no longer registers '${USER_AGENT_MIDDLEWARE}': update shared/aws/local-client-options.ts`);
  return client;
}
