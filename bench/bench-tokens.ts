/**
 * Access tokens for the benchmark's load: two registered clients on the benchmark database and tokens signed with the
 * server's own key (what the token endpoint would issue, valid for an hour so a whole run fits in one).
 */
import type { Config } from '../src/config.ts';
import { ClientRegistry, openAccessTokens, SECURITY_MIGRATIONS } from '../src/security/index.ts';
import { parseScopes } from '../src/security/scopes.ts';
import { migrate, openStore } from '../src/store/index.ts';

export interface BenchTokens {
  /** The administrator: no organisation scope, the engine's own cost plus authentication and audit. */
  readonly admin: string;
  /** A welfare organisation that owns the Tasks of `ownerId`: every search carries its access filter. */
  readonly owner: string;
}

export async function benchTokens(config: Config, ownerOrganizationId: string): Promise<BenchTokens> {
  const store = await openStore(config);
  try {
    await migrate(store.db, SECURITY_MIGRATIONS);
    const clients = new ClientRegistry(store.db);
    const tokens = await openAccessTokens(store.db, config, 3600);
    const scopes = 'system/*.cruds';
    await clients.save({ clientId: 'bench-admin', name: 'Benchmark administrator', role: 'admin', scopes, jwks: { keys: [] }, active: true });
    const organization = { id: ownerOrganizationId, reference: `Organization/${ownerOrganizationId}` };
    await clients.save({ clientId: 'bench-owner', name: 'Benchmark welfare organisation', role: 'social-domain', organization, scopes, jwks: { keys: [] }, active: true });
    const granted = parseScopes(scopes).scopes;
    const admin = await tokens.issue({ clientId: 'bench-admin', role: 'admin', scopes: granted });
    const owner = await tokens.issue({ clientId: 'bench-owner', role: 'social-domain', organization, scopes: granted });
    return { admin: admin.accessToken, owner: owner.accessToken };
  } finally {
    await store.db.close();
  }
}
