import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers every response carries, so a browser that somehow renders one (an error page, a Binary) cannot be turned
 * against its user, and no proxy keeps personal data.
 *
 * Cross-Origin-Resource-Policy `same-origin` does not break CORS: browsers enforce it only on no-cors requests
 * (`<img>`, `<script>`), while a page of an allowed origin calls the API in cors mode, which CORS governs.
 */
const ALWAYS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Headers a route may set itself (a dashboard page needs its own Content-Security-Policy; a public, unchanging
 * document may be cached): these are the defaults when it has not. `no-store` keeps personal data out of shared and
 * browser caches; conditional reads still work, because the server compares the ETag, not a cache.
 */
const DEFAULTS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

const ONE_YEAR_SECONDS = 31_536_000;

/** Every security header, as sent on a response that has set none of its own. */
export function securityHeaderValues(options: { https: boolean }): Readonly<Record<string, string>> {
  return { ...ALWAYS, ...(options.https ? { 'Strict-Transport-Security': `max-age=${ONE_YEAR_SECONDS}; includeSubDomains` } : {}), ...DEFAULTS };
}

/** The `onSend` hook that adds the security headers; HSTS only when the service is reached over https. */
export function securityHeaders(options: { https: boolean }): (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown> {
  const all = Object.entries(securityHeaderValues(options));
  return async (_request, reply, payload) => {
    for (const [name, value] of all) {
      if (!(name in DEFAULTS) || !reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  };
}
