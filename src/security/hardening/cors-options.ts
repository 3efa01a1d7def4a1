import type { FastifyCorsOptions } from '@fastify/cors';

/** What a browser page may send to and read from the FHIR API: the headers FHIR's REST interactions use. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match', 'If-None-Exist', 'If-Modified-Since', 'Prefer', 'X-Request-Id'];
const EXPOSED_HEADERS = ['ETag', 'Location', 'Content-Location', 'Last-Modified', 'X-Request-Id'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * CORS for exactly the configured origins. Credentials stay off: access tokens travel in the Authorization header,
 * never in cookies. `strictPreflight` is off so that every OPTIONS request is answered by the CORS hook itself (a
 * 204, with an Access-Control-Allow-Origin only for a listed origin), never by a plain-text 400 or the FHIR routes.
 */
export function corsOptions(origins: readonly string[]): FastifyCorsOptions {
  return {
    origin: [...origins],
    credentials: false,
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: false,
  };
}
