/**
 * The web UI's Content-Security-Policy, one list for both places that serve the page:
 * `npm start` (local/http/static.ts) and CloudFront on AWS (infra/constructs/web.ts).
 * `connectSources` are the other origins the page calls: the API (on AWS) and the materials
 * store for presigned uploads. Styles allow inline attributes because Vue and Element Plus set
 * element styles.
 */
export function webContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
