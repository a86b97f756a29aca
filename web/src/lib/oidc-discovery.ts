/**
 * Where the AWS build signs in (web/src/lib/oidc.ts): no browser globals here, so the unit
 * tests run it under Node.
 */

/** The provider part of config.json's `oidc` (web/src/config.ts `OidcConfig`). */
export interface OidcProvider {
  domain?: string;
  issuer?: string;
}

export interface OidcEndpoints {
  authorize: string;
  token: string;
}

/**
 * Where to send the browser and where to trade the code: Cognito's fixed paths under `domain`,
 * or the provider's discovery document under `issuer` (whose `issuer` must match, as OpenID
 * Connect Discovery 1.0 section 4.3 requires, so a wrong URL fails here and not at the API).
 */
export async function oidcEndpoints(oidc: OidcProvider, fetchFn: typeof fetch = fetch): Promise<OidcEndpoints> {
  if (oidc.domain) return { authorize: `${oidc.domain}/oauth2/authorize`, token: `${oidc.domain}/oauth2/token` };
  if (!oidc.issuer) throw new Error('config.json oidc has neither domain nor issuer');
  const issuer = oidc.issuer.replace(/\/+$/, '');
  const res = await fetchFn(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`OIDC discovery failed: HTTP ${res.status}`);
  const doc = (await res.json()) as { issuer?: string; authorization_endpoint?: string; token_endpoint?: string };
  if (doc.issuer?.replace(/\/+$/, '') !== issuer) throw new Error(`OIDC discovery names issuer ${String(doc.issuer)}, not ${issuer}`);
  const https = (url: string | undefined): url is string => typeof url === 'string' && url.startsWith('https://');
  if (!https(doc.authorization_endpoint) || !https(doc.token_endpoint))
    throw new Error('OIDC discovery has no https authorization_endpoint and token_endpoint');
  return { authorize: doc.authorization_endpoint, token: doc.token_endpoint };
}
