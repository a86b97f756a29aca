/** Local-only developer conveniences: dev JWTs and the dev clock routes. */
export { DevClock } from './clock';
export { createDevTokenIssuer, DevTokenRequest, DEV_AUDIENCE, DEV_ISSUER, type DevTokenIssuer } from './tokens';
export { devRoutes, type DevRoute, type DevRouteDeps } from './routes';
