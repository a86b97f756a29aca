import http from 'node:http';
import https from 'node:https';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Config } from '../config';
import { signerBuiltOnce } from './signer';
import { DocumentStore } from './document-store';
import { withFastProperties } from './fast-config';
import { inProcessClientOptions, withoutUserAgent } from './local-client-options';

export interface AwsClients {
  ddb: DocumentStore;
  s3: S3Client;
  sfn: SFNClient;
}

const LOCAL_HOST = '127.0.0.1';

/**
 * Local runtime only: a `requestHandler` per service in place of the HTTP one, e.g. local/'s
 * in-process transport to the emulators. The clients and their middleware (serialise, sign,
 * retry, deserialise) stay the same; Lambda never passes any.
 */
export type LocalRequestHandlers = Partial<Record<'dynamodb' | 'sfn', DynamoDBClientConfig['requestHandler']>>;

/**
 * Middleware to install on each client at construction (bench call counts, test probes). The
 * DynamoDB client caches its resolved handler per command class (`cacheMiddleware`), so
 * middleware added to its stack after the first send would never run: it must come from here.
 */
export interface ClientMiddleware {
  dynamodb?: Array<PluggableOf<DynamoDBClient>>;
  s3?: Array<PluggableOf<S3Client>>;
  sfn?: Array<PluggableOf<SFNClient>>;
}
/** The SDK's own unit of middleware (`{ applyToStack(stack) }`), as the client's `middlewareStack.use` takes it. */
export type PluggableOf<C extends { middlewareStack: { use: (p: never) => void } }> = Parameters<C['middlewareStack']['use']>[0];

/**
 * Builds the SDK clients once per process (Lambda cold start or the local runtime).
 * Locally they talk to dynalite, s3rver and the embedded engine with dummy credentials;
 * nothing else in `shared/` knows the difference.
 *
 * @example
 * const { ddb, s3, sfn } = createAwsClients(loadConfig());
 */
export function createAwsClients(config: Config, localHandlers: LocalRequestHandlers = {}, middleware: ClientMiddleware = {}): AwsClients {
  // Keep-alive saves a TLS handshake per call on Lambda and a socket per call locally.
  const requestHandler = {
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
  };
  const base = { region: config.region, requestHandler };
  const localEndpoint = (port: number) => `http://${LOCAL_HOST}:${port}`;
  const local = (port: number, accessKeyId = 'local', secretAccessKey = 'local') =>
    config.local ? { endpoint: localEndpoint(port), credentials: { accessKeyId, secretAccessKey } } : {};

  const answeredInProcess = (service: keyof LocalRequestHandlers) => config.local && localHandlers[service] !== undefined;
  // A request answered in this process is not signed, carries no user agent and skips the
  // endpoint rules (./local-client-options.ts).
  const handler = (service: keyof LocalRequestHandlers) =>
    answeredInProcess(service)
      ? { requestHandler: localHandlers[service], ...inProcessClientOptions(localEndpoint(config.ports[service])) }
      : {};
  const trimmed = <Client extends Parameters<typeof withoutUserAgent>[0]>(service: keyof LocalRequestHandlers, client: Client) =>
    answeredInProcess(service) ? withoutUserAgent(client) : client;

  // issue 9: the same SigV4 signer for every request instead of a new one per call (./signer.ts).
  const dynamodb: DynamoDBClient = new DynamoDBClient({
    ...base,
    ...local(config.ports.dynamodb),
    signer: signerBuiltOnce(() => dynamodb.config, 'dynamodb'),
    ...handler('dynamodb'),
    // issue 9: the middleware stack resolved once per command class, not on every send
    // (./document-store.ts marshals in front of the plain client, which allows it).
    cacheMiddleware: true,
  });
  trimmed('dynamodb', dynamodb);
  const ddb = new DocumentStore(dynamodb);
  const s3 = new S3Client({
    ...base,
    ...local(config.ports.s3, 'S3RVER', 'S3RVER'),
    forcePathStyle: config.local,
    // s3rver predates the flexible-checksum headers the SDK sends by default.
    ...(config.local ? ({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } as const) : {}),
  });
  const sfn: SFNClient = new SFNClient({
    ...base,
    ...local(config.ports.sfn),
    signer: signerBuiltOnce(() => sfn.config, 'states'),
    ...handler('sfn'),
  });
  trimmed('sfn', sfn);
  // issue 9: the config object the middleware copies on every call, stored fast (./fast-config.ts).
  for (const client of [dynamodb, s3, sfn]) withFastProperties(client.config);
  for (const pluggable of middleware.dynamodb ?? []) dynamodb.middlewareStack.use(pluggable);
  for (const pluggable of middleware.s3 ?? []) s3.middlewareStack.use(pluggable);
  for (const pluggable of middleware.sfn ?? []) sfn.middlewareStack.use(pluggable);
  return { ddb, s3, sfn };
}
