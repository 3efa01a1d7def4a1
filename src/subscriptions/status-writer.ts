import { randomUUID } from 'node:crypto';
import type { Subscription } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { internalCaller, workerPrincipal } from './internal-caller.ts';

/**
 * Writes a Subscription's new status as a new version of the resource, through the engine like any write (so it is
 * validated, versioned and in the audit trail), as the delivery worker. Only when the status is still one of `from`
 * and nobody wrote in between (If-Match): a client's own change (say, to off) wins over the worker's.
 */
export function statusWriter(app: FastifyInstance) {
  return async (id: string, from: readonly string[], to: 'active' | 'error', error?: string): Promise<void> => {
    const current = await app.fhirEngine.repo.readCurrent('Subscription', id);
    if (!current?.json || current.deleted) return;
    const subscription = JSON.parse(current.json) as Subscription;
    if (!from.includes(subscription.status ?? '')) return;
    const { error: _previousError, ...rest } = subscription;
    const next: Subscription = { ...rest, status: to, ...(to === 'error' && error ? { error } : {}) };
    try {
      await app.fhirDispatch(
        { method: 'PUT', path: `Subscription/${id}`, query: [], headers: { ifMatch: String(current.versionId), contentType: 'application/fhir+json' }, body: next },
        internalCaller(workerPrincipal(), app.log, randomUUID()),
      );
    } catch (err) {
      // A concurrent write by the client (412 or 409) already decided the status.
      app.log.info({ err, subscription: id, to }, 'subscription status not written');
    }
  };
}
