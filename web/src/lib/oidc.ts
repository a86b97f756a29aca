/**
 * AWS build sign-in: the Cognito hosted login or any OIDC provider (config.json `issuer`,
 * endpoints by discovery), authorization code flow with PKCE (RFC 7636),
 * no client secret in the browser. The verifier and state live in sessionStorage for the
 * round trip only; the ID token (carrying the `role` and `dept` claims the API reads, set by
 * the user pool's pre-token-generation trigger) becomes the session's bearer token.
 */
import { runtimeConfig } from '../config';
import { oidcEndpoints } from './oidc-discovery';

const VERIFIER = 'onething.pkce.verifier';
const STATE = 'onething.pkce.state';
const NEXT = 'onething.pkce.next';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/** Sends the browser to the hosted login; `next` is where to land after it. */
export async function startLogin(next: string): Promise<void> {
  const oidc = runtimeConfig().oidc;
  if (!oidc) throw new Error('config.json has no oidc settings');
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  sessionStorage.setItem(NEXT, next.startsWith('/') ? next : '/');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes.join(' '),
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const { authorize } = await oidcEndpoints(oidc);
  window.location.assign(`${authorize}${authorize.includes('?') ? '&' : '?'}${q.toString()}`);
}

/** Completes the login on the callback page: checks `state`, trades the code for tokens. */
export async function completeLogin(query: URLSearchParams): Promise<{ idToken: string; next: string }> {
  const oidc = runtimeConfig().oidc;
  const verifier = sessionStorage.getItem(VERIFIER);
  const state = sessionStorage.getItem(STATE);
  const next = sessionStorage.getItem(NEXT) ?? '/';
  for (const key of [VERIFIER, STATE, NEXT]) sessionStorage.removeItem(key);
  const code = query.get('code');
  if (!oidc || !verifier || !code || !state || query.get('state') !== state)
    throw new Error('sign-in response does not match this browser session');
  const res = await fetch((await oidcEndpoints(oidc)).token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: oidc.clientId,
      code,
      redirect_uri: oidc.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!res.ok) throw new Error(`token exchange failed: HTTP ${res.status}`);
  const tokens = (await res.json()) as { id_token: string };
  return { idToken: tokens.id_token, next };
}
