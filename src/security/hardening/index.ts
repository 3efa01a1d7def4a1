/**
 * Hardening against bad input and hostile browsers: security headers on every response and CORS for configured
 * origins only. The other limits live where they act: the body size and timeouts in the Fastify options
 * (`src/app.ts`), the JSON nesting limit in the engine's content parser, and the per-client rate limit in the
 * authenticate hook (`rate-limiter.ts`, see there for why).
 */
import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { corsOptions } from './cors-options.ts';
import { securityHeaders, securityHeaderValues } from './security-headers.ts';

function isHttps(config: Config): boolean {
  return config.baseUrl.startsWith('https:');
}

/**
 * The security headers for the few errors Fastify answers before any hook runs (a malformed URL): `src/app.ts` adds
 * them in its `frameworkErrors` handler, where `onSend` hooks are not called.
 */
export function frameworkErrorHeaders(config: Config): Readonly<Record<string, string>> {
  return securityHeaderValues({ https: isHttps(config) });
}

const hardeningPlugin: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  app.addHook('onSend', securityHeaders({ https: isHttps(config) }));
  // Without configured origins there is no CORS at all: browsers then refuse cross-origin calls by themselves.
  if (config.corsOrigins.length > 0) await app.register(cors, corsOptions(config.corsOrigins));
};

export const hardening = fp(hardeningPlugin, { name: 'brug-hardening', fastify: '5.x' });
