/**
 * Issue 9: where a call's time goes inside the AWS SDK v3 client, for
 * `npx tsx bench/profile-summary.ts --sdk <file.cpuprofile>`. A V8 profile frame of the SDK is
 * assigned to the step of the request pipeline it belongs to, by file and, inside the bundled
 * files of @aws-sdk/core and @smithy/core, by function name or the line range of that step in
 * the installed versions (@aws-sdk/* 3.1162.0, @smithy/core 3.41.1): an upgrade that moves
 * code shows up as a larger "other SDK code" share, not as a wrong attribution elsewhere.
 */
export interface Frame {
  functionName: string;
  url: string;
  /** 0-based, as V8 reports it. */
  lineNumber: number;
}

type Rule = { area: string; url: RegExp; names?: RegExp; lines?: [number, number] };

export const SDK_AREAS = {
  stack: 'middleware stack resolved per send (resolveMiddleware, concat, sort)',
  serde: 'serialise + deserialise (JSON protocol, schema, codec)',
  document: 'document client marshalling (lib-dynamodb, util-dynamodb)',
  endpoint: 'endpoint resolution (rules cache, URL)',
  signing: 'SigV4 signing (signer build, canonical request, HMAC, SHA-256)',
  auth: 'auth scheme + identity selection',
  userAgent: 'user agent (build, escape, features)',
  retry: 'retry (token, invocation id, attempt header)',
  other: 'other middleware (logger, host, recursion, content-length) + send',
  rest: 'other SDK code',
} as const;

const A = SDK_AREAS;
const SMITHY = /node_modules\/@smithy\/core\/dist-cjs\/submodules\//;
const RULES: Rule[] = [
  { area: A.stack, url: /@smithy\/core\/dist-cjs\/submodules\/client\/index\.js$/, lines: [0, 500] },
  { area: A.stack, url: /@smithy\/core\/dist-cjs\/submodules\/client\/index\.js$/, names: /^resolveMiddleware/ },
  { area: A.stack, url: /@aws-sdk\/lib-dynamodb\//, names: /^(resolveMiddleware|addMarshallingMiddleware)$/ },
  { area: A.other, url: /@smithy\/core\/dist-cjs\/submodules\/client\/index\.js$/, lines: [500, 560] },
  { area: A.serde, url: new RegExp(SMITHY.source + '(protocols|schema|serde|cbor)/') },
  { area: A.serde, url: /@smithy\/core\/dist-cjs\/submodules\/client\/index\.js$/, lines: [552, 592] },
  { area: A.serde, url: /@aws-sdk\/(dynamodb-codec|core\/dist-cjs\/submodules\/protocols)\// },
  { area: A.document, url: /@aws-sdk\/(lib-dynamodb|util-dynamodb)\// },
  { area: A.endpoint, url: new RegExp(SMITHY.source + 'endpoints/') },
  { area: A.endpoint, url: new RegExp(SMITHY.source + 'transport/'), names: /^(parseUrl|toEndpointV1|parseQueryString)$/ },
  { area: A.signing, url: /@smithy\/signature-v4\/|@aws-sdk\/core\/dist-cjs\/submodules\/httpAuthSchemes\// },
  { area: A.signing, url: new RegExp(SMITHY.source + 'checksum/') },
  { area: A.signing, url: /@smithy\/core\/dist-cjs\/index\.js$/, lines: [107, 153] },
  { area: A.auth, url: /@smithy\/core\/dist-cjs\/index\.js$/, lines: [0, 107] },
  { area: A.userAgent, url: /@aws-sdk\/core\/dist-cjs\/submodules\/client\/index\.js$/, lines: [255, 830] },
  { area: A.retry, url: new RegExp(SMITHY.source + 'retry/') },
  { area: A.other, url: /@aws-sdk\/core\/dist-cjs\/submodules\/client\/index\.js$/, lines: [0, 255] },
];

/** The SDK area of a frame of SDK code (see `isSdkFrame`). */
export function sdkArea(frame: Frame): string {
  const rule = RULES.find(
    (r) =>
      r.url.test(frame.url) &&
      (r.names === undefined || r.names.test(frame.functionName)) &&
      (r.lines === undefined || (frame.lineNumber >= r.lines[0] && frame.lineNumber < r.lines[1])),
  );
  return rule?.area ?? A.rest;
}
