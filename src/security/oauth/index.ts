/**
 * SMART Backend Services authentication (https://hl7.org/fhir/smart-app-launch/backend-services.html): discovery,
 * the token endpoint, the server's public keys, client registration for administrators, and the demo clients.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../store/index.ts';
import type { AuditTrail } from '../audit/index.ts';
import type { ClientRegistry } from '../clients/client-registry.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { AssertionIds } from './assertion-ids.ts';
import { DEMO_CLIENTS, demoRegistration } from './demo-clients.ts';
import { describeSecurity, smartConfiguration, type DiscoveryUrls } from './smart-configuration.ts';
import { registerTokenEndpoint } from './token-endpoint.ts';
import { registerClient } from './register-client.ts';

export { registerClient, clientView, type ClientRegistration } from './register-client.ts';
export { demoPrivateKey, DEMO_CLIENTS, DEMO_ORGANIZATIONS } from './demo-clients.ts';
export { signClientAssertion } from './sign-client-assertion.ts';
export { PRACTITIONER_CLAIM } from './practitioner-claim.ts';
export { CBS_MUNICIPALITY_SYSTEM } from './organization-record.ts';

export interface AuthRouteDeps {
  readonly db: Database;
  readonly config: Config;
  readonly tokens: AccessTokens;
  readonly clients: ClientRegistry;
  readonly audit: AuditTrail;
  /** URL path of the FHIR base; "/fhir" when not given. */
  readonly fhirPrefix?: string;
}

/** What the OAuth routes tell the rest of the app. */
export interface OAuthSettings {
  readonly tokenUrl: string;
  /** False in production (and with DEMO_CLIENTS=off): `seedDemoClients` then does nothing. */
  readonly demoClientsAllowed: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    oauth: OAuthSettings;
  }
}

// Local paths of the authorization server's endpoints, next to the FHIR base (config.tokenUrl is their public URL).
const TOKEN_PATH = '/auth/token';
const JWKS_PATH = '/auth/jwks';

export async function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const fhirPrefix = deps.fhirPrefix ?? '/fhir';
  const urls: DiscoveryUrls = {
    issuer: deps.config.tokenUrl.replace(/\/token$/, ''),
    tokenEndpoint: deps.config.tokenUrl,
    jwksUri: deps.config.tokenUrl.replace(/\/token$/, '/jwks'),
  };
  app.decorate('oauth', { tokenUrl: deps.config.tokenUrl, demoClientsAllowed: deps.config.demoClients === 'auto' });
  app.fhirCapabilities.contribute(describeSecurity(urls, deps.config.corsOrigins.length > 0));

  // A static route: Fastify's router prefers it over the FHIR engine's catch-all under the same prefix.
  const discovery = smartConfiguration(urls);
  app.get(`${fhirPrefix}/.well-known/smart-configuration`, async (_request, reply) => reply.type('application/json').send(discovery));
  app.get(JWKS_PATH, async (_request, reply) => reply.type('application/json').send(deps.tokens.publicKeys()));

  const ids = new AssertionIds(deps.db);
  await registerTokenEndpoint(app, TOKEN_PATH, { tokens: deps.tokens, clients: deps.clients, audit: deps.audit, ids, tokenUrl: deps.config.tokenUrl });
  await registerAdminRoutes(app, { tokens: deps.tokens, clients: deps.clients, audit: deps.audit, engine: app.fhirEngine, fhirPrefix });
}

/**
 * Demo organisations and clients whose keys are in the repository (development only). Idempotent: clients that are
 * already registered are left as they are. Does nothing where demo clients are off (always so in production).
 */
export async function seedDemoClients(app: FastifyInstance): Promise<void> {
  if (!app.oauth.demoClientsAllowed) {
    app.log.warn('demo clients are off here (production or DEMO_CLIENTS=off): none seeded');
    return;
  }
  const deps = { clients: app.security.clients, engine: app.fhirEngine };
  for (const client of DEMO_CLIENTS) {
    if (await deps.clients.get(client.clientId)) continue;
    await registerClient(deps, demoRegistration(client), { mode: 'replace', organizationId: client.organization?.id });
  }
  app.log.info({ clients: DEMO_CLIENTS.map((c) => c.clientId) }, 'demo clients are registered (development only; their keys are public)');
}
