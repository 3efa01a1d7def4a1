import { randomUUID } from 'node:crypto';
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { Principal } from '../fhir/index.ts';
import { internalCaller } from './internal-caller.ts';
import { focusKey, type StoredEvent } from './notification-bundle.ts';

/** Reads one version of a resource for `principal`, or undefined where it may not. */
export type ReadAs = (principal: Principal, resourceType: string, id: string, versionId: number) => Promise<Resource | undefined>;

/**
 * A full-resource notification discloses the resource to the subscriber: it is read as the subscriber, through the
 * engine's vread, so the access policy decides and the audit trail records the disclosure like any read.
 */
export function readAs(app: FastifyInstance): ReadAs {
  return async (principal, resourceType, id, versionId) => {
    try {
      const response = await app.fhirDispatch(
        { method: 'GET', path: `${resourceType}/${id}/_history/${versionId}`, query: [], headers: {} },
        internalCaller(principal, app.log, randomUUID()),
      );
      if (response.status !== 200) return undefined;
      return response.resource ?? (response.json ? (JSON.parse(response.json) as Resource) : undefined);
    } catch {
      // 404 or 410: not (or no longer) the subscriber's to read.
      return undefined;
    }
  };
}

/** The events' focus versions that `principal` may read now, by `focusKey`; the others go out as id-only entries. */
export async function readFocusAs(read: ReadAs, principal: Principal | undefined, events: readonly StoredEvent[]): Promise<Map<string, Resource>> {
  const resources = new Map<string, Resource>();
  for (const event of principal ? events : []) {
    const key = focusKey(event);
    if (resources.has(key)) continue;
    const resource = await read(principal!, event.focusType, event.focusId, event.focusVersion);
    if (resource) resources.set(key, resource);
  }
  return resources;
}
