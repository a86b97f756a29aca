import { SignatureV4 } from '@smithy/signature-v4';

type SignerInit = ConstructorParameters<typeof SignatureV4>[0];

/** The parts of a resolved SDK client configuration a SigV4 signer is built from. */
export interface SignerSource {
  credentials: SignerInit['credentials'];
  region: () => Promise<string>;
  sha256: SignerInit['sha256'];
  signingEscapePath?: boolean;
  applyChecksum?: boolean;
}

/** What the SDK passes to a `signer` function: the endpoint's first auth scheme. */
interface AuthScheme {
  signingRegion?: string;
  signingName?: string;
}

/**
 * The SDK's `signer` option with the signer built once per signing scope instead of per call.
 *
 * Without a `signer`, the SDK (@aws-sdk/core `resolveAwsSdkSigV4Config`) builds a new
 * `SignatureV4` for every request from a copy of the whole client configuration (reusing it took
 * signing from 18 % to 14 % of a DynamoDB call's client CPU: docs/BENCHMARKS.md "Issue 9: the
 * SDK client's own cost").
 * The signer is stateless apart from those inputs, so one per (region, service) signs exactly
 * the same bytes: same class, same credentials provider (it reads the credentials per request,
 * so Lambda's rotating role credentials are still picked up), same hash, same path escaping,
 * and the SDK still passes the endpoint's signing region and service to each `sign` call.
 * test/unit/shared/aws/signer.test.ts compares the signed requests with the SDK's default.
 *
 * `source` is read lazily at the first request: the client's resolved configuration does not
 * exist before the client does.
 *
 * @example
 * const client: DynamoDBClient = new DynamoDBClient({ signer: signerBuiltOnce(() => client.config, 'dynamodb') });
 */
export function signerBuiltOnce(source: () => SignerSource, service: string): (authScheme?: AuthScheme) => Promise<SignatureV4> {
  const signers = new Map<string, Promise<SignatureV4>>();
  return (authScheme) => {
    const signingService = authScheme?.signingName ?? service;
    const key = `${authScheme?.signingRegion ?? ''}|${signingService}`;
    let signer = signers.get(key);
    if (signer === undefined) {
      signer = build(source(), authScheme?.signingRegion, signingService);
      signers.set(key, signer);
      // A failed build (the region provider threw) is not kept: the next request tries again.
      signer.catch(() => signers.delete(key));
    }
    return signer;
  };
}

async function build(config: SignerSource, signingRegion: string | undefined, service: string): Promise<SignatureV4> {
  return new SignatureV4({
    credentials: config.credentials,
    region: signingRegion ?? (await config.region()),
    service,
    sha256: config.sha256,
    uriEscapePath: config.signingEscapePath ?? true,
    applyChecksum: config.applyChecksum,
  });
}
