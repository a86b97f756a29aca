import { oidcEndpoints } from '../../../web/src/lib/oidc-discovery';

const base = { clientId: 'onething-web', redirectUri: 'https://web.example/auth/callback', scopes: ['openid'] };
const discovery = (doc: unknown, status = 200) =>
  jest.fn(
    async () => new Response(JSON.stringify(doc), { status, headers: { 'content-type': 'application/json' } }),
  ) as unknown as typeof fetch;

describe('sign-in endpoints of the AWS build', () => {
  it('Cognito: the hosted UI paths under the domain, no discovery request', async () => {
    const fetchFn = discovery({});
    await expect(oidcEndpoints({ ...base, domain: 'https://onething.auth.us-east-1.amazoncognito.com' }, fetchFn)).resolves.toEqual({
      authorize: 'https://onething.auth.us-east-1.amazoncognito.com/oauth2/authorize',
      token: 'https://onething.auth.us-east-1.amazoncognito.com/oauth2/token',
    });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('another provider: the endpoints of its discovery document', async () => {
    const issuer = 'https://id.example.gov.cn/realms/onething';
    const fetchFn = discovery({
      issuer,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
    });
    await expect(oidcEndpoints({ ...base, issuer: `${issuer}/` }, fetchFn)).resolves.toEqual({
      authorize: `${issuer}/protocol/openid-connect/auth`,
      token: `${issuer}/protocol/openid-connect/token`,
    });
    expect(jest.mocked(fetchFn).mock.calls[0]?.[0]).toBe(`${issuer}/.well-known/openid-configuration`);
  });

  it.each([
    [
      'a document of another issuer',
      { issuer: 'https://evil.example', authorization_endpoint: 'https://evil.example/a', token_endpoint: 'https://evil.example/t' },
      200,
      /names issuer https:\/\/evil\.example/,
    ],
    [
      'plain-http endpoints',
      { issuer: 'https://id.example', authorization_endpoint: 'http://id.example/a', token_endpoint: 'https://id.example/t' },
      200,
      /https/,
    ],
    ['a failed request', {}, 404, /HTTP 404/],
  ])('refuses %s', async (_what, doc, status, error) => {
    await expect(oidcEndpoints({ ...base, issuer: 'https://id.example' }, discovery(doc, status))).rejects.toThrow(error);
  });
});
