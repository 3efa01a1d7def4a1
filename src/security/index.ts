/**
 * The security layer (handreiking §9, juridisch kader, beveiliging en privacy): SMART Backend Services
 * authentication, the organisation-scoped access policy, and the NEN 7513 audit trail. Nothing in Brug is read or
 * written without an authenticated client.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { migrate, type Database, type ExternalTypeRegistry } from '../store/index.ts';
import { registerAudit, type AuditBatch, type AuditTrail } from './audit/index.ts';
import { authenticate } from './authenticate.ts';
import { ClientRegistry } from './clients/client-registry.ts';
import { clientPrincipal } from './client-principal.ts';
import { createRateLimiter } from './hardening/rate-limiter.ts';
import { SECURITY_MIGRATIONS } from './migrations.ts';
import { registerAuthRoutes, seedDemoClients } from './oauth/index.ts';
import { registerAccessPolicy } from './policy/index.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';
import { openAccessTokens } from './tokens/server-tokens.ts';

export type { RegisteredClient } from './clients/client-registry.ts';
export type { Role } from './roles.ts';
export { ROLES } from './roles.ts';
export { openAccessTokens } from './tokens/server-tokens.ts';
export { ClientRegistry } from './clients/client-registry.ts';
export { SECURITY_MIGRATIONS } from './migrations.ts';
export { hardening } from './hardening/index.ts';
export { seedDemoClients } from './oauth/index.ts';
export { authenticate } from './authenticate.ts';
export { roleAllows } from './policy/access-policy.ts';
export { permits } from './scopes.ts';

export interface SecurityLayer {
  readonly tokens: AccessTokens;
  readonly clients: ClientRegistry;
  readonly audit: AuditTrail;
}

declare module 'fastify' {
  interface FastifyInstance {
    security: SecurityLayer;
  }
}

export interface SecurityOptions {
  readonly db: Database;
  readonly config: Config;
  /** Where the audit log is handed to the repository as the store of the AuditEvent type. */
  readonly typeStores: ExternalTypeRegistry;
  /** URL path of the FHIR base. */
  readonly fhirPrefix: string;
  /** Told of every committed batch of access events (the metrics). */
  readonly onAuditBatch?: (batch: AuditBatch) => void;
}

const securityPlugin: FastifyPluginAsync<SecurityOptions> = async (app, { db, config, typeStores, fhirPrefix, onAuditBatch }) => {
  await migrate(db, SECURITY_MIGRATIONS);
  const tokens = await openAccessTokens(db, config);
  const clients = new ClientRegistry(db);
  const audit = await registerAudit(app, { db, config, typeStores, ...(onAuditBatch ? { onBatch: onAuditBatch } : {}) });
  app.decorate('security', { tokens, clients, audit });
  app.fhirPrincipals.provide(async (clientId, tokenId) => {
    const client = await clients.getCached(clientId);
    return client?.active ? clientPrincipal(client, tokenId) : undefined;
  });
  app.fhirHooks.on(
    'request.authenticate',
    authenticate({ tokens, clients, fhirPrefix, limiter: createRateLimiter(config.rateLimitPerMinute), onRefused: (ctx, err) => audit.recordRefusal(ctx, err) }),
    { name: 'security.authenticate' },
  );
  registerAccessPolicy(app);
  await registerAuthRoutes(app, { db, config, tokens, clients, audit, fhirPrefix });
  if (config.demoClients === 'auto' && !config.databaseUrl) {
    app.addHook('onReady', async () => {
      if ((await clients.count()) === 0) await seedDemoClients(app);
    });
  }
};

export const security = fp(securityPlugin, { name: 'brug-security', fastify: '5.x', dependencies: ['brug-fhir'] });
