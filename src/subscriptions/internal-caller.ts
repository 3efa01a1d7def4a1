import type { Caller, InteractionContext, Principal } from '../fhir/index.ts';
import type { RegisteredClient } from '../security/index.ts';
import { parseScopes } from '../security/scopes.ts';

/**
 * The server's own delivery worker when it writes a Subscription's status (active after a handshake, error after
 * failed deliveries). It acts as an administrator so the write passes the access policy, and it is named in the
 * audit trail as this client id.
 */
export const WORKER_CLIENT_ID = 'brug-subscription-worker';

export function workerPrincipal(): Principal {
  return { clientId: WORKER_CLIENT_ID, role: 'admin', scopes: parseScopes('system/Subscription.cruds').scopes, tokenId: 'internal' };
}

export function isWorker(context: InteractionContext): boolean {
  return (context.bundle ?? context).principal?.clientId === WORKER_CLIENT_ID;
}

/** The subscriber as a caller, so the access policy decides what the subscription may be told about. */
export function subscriberPrincipal(client: RegisteredClient, subscriptionId: string): Principal {
  return { clientId: client.clientId, role: client.role, organization: client.organization, scopes: parseScopes(client.scopes).scopes, tokenId: `subscription:${subscriptionId}` };
}

export function internalCaller(principal: Principal, log: Caller['log'], requestId: string): Caller {
  return { principal, log, requestId };
}
