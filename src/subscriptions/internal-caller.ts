import type { Caller, InteractionContext, Principal } from '../fhir/index.ts';

/**
 * The server's own delivery worker when it writes a Subscription's status (active after a handshake, error after
 * failed deliveries). It acts as an administrator so the write passes the access policy, and it is named in the
 * audit trail as this client id.
 */
export const WORKER_CLIENT_ID = 'brug-subscription-worker';

export function workerPrincipal(): Principal {
  return { clientId: WORKER_CLIENT_ID, role: 'admin', scopes: [{ resourceType: 'Subscription', actions: new Set(['c', 'r', 'u', 'd', 's']) }], tokenId: 'internal' };
}

export function isWorker(context: InteractionContext): boolean {
  return (context.bundle ?? context).principal?.clientId === WORKER_CLIENT_ID;
}

export function internalCaller(principal: Principal, log: Caller['log'], requestId: string): Caller {
  return { principal, log, requestId };
}
