import type { Principal } from '../fhir/index.ts';
import type { RegisteredClient } from './clients/client-registry.ts';
import { parseScopes } from './scopes.ts';

/** A registered client as the caller of work done on its behalf outside a request, with every scope it is registered for. */
export function clientPrincipal(client: RegisteredClient, tokenId: string): Principal {
  return { clientId: client.clientId, role: client.role, organization: client.organization, scopes: parseScopes(client.scopes).scopes, tokenId };
}
