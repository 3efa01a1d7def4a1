import type { FastifyRequest } from 'fastify';
import type { HookRegistry } from '../hooks/registry.ts';
import type { AuthenticateContext } from '../hooks/points.ts';

/**
 * Runs `request.authenticate` for one HTTP request and keeps the principal on it. The FHIR routes call it, and so do
 * a layer's routes outside the FHIR base (as a `preHandler`), so both know their caller by the same tokens, refusals
 * and audit.
 */
export async function authenticateRequest(hooks: HookRegistry, request: FastifyRequest): Promise<void> {
  if (!hooks.has('request.authenticate')) return;
  const auth: AuthenticateContext = { method: request.method, url: request.url, headers: request.headers, ip: request.ip, log: request.log };
  await hooks.run('request.authenticate', auth);
  request.principal = auth.principal;
}
