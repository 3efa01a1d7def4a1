import type { FastifyInstance } from 'fastify';
import { parseScopes, grantScopes } from '../../src/security/scopes.ts';
import type { ActingProfessional } from '../../src/fhir/index.ts';

export const DEMO_CLIENTS = ['demo-huisarts', 'demo-poh', 'demo-welzijn', 'demo-welzijn-2', 'demo-gemeente', 'demo-admin'] as const;
export type DemoClient = (typeof DEMO_CLIENTS)[number];

/**
 * An access token for a registered client, signed by the app's own key as the token endpoint would sign it, with the
 * requested scopes cut down to what the client is registered for. The token endpoint itself (client assertions,
 * replay, algorithms) has its own suite; this keeps the other suites about what they test.
 */
export async function tokenFor(
  app: FastifyInstance,
  clientId: string,
  options: { scope?: string; practitioner?: ActingProfessional } = {},
): Promise<string> {
  const client = await app.security.clients.get(clientId);
  if (!client) throw new Error(`no client ${clientId}`);
  const requested = parseScopes(options.scope ?? client.scopes).scopes;
  const issued = await app.security.tokens.issue({
    clientId,
    role: client.role,
    organization: client.organization,
    scopes: grantScopes(requested, parseScopes(client.scopes).scopes),
    practitioner: options.practitioner,
  });
  return issued.accessToken;
}

/** `Authorization` header for `app.inject`. */
export async function authHeader(app: FastifyInstance, clientId: string, scope?: string): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await tokenFor(app, clientId, { scope })}` };
}
