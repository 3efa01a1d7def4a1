import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@medplum/fhirtypes';
import type { Engine } from '../../fhir/index.ts';
import type { NewVersion, Repository } from '../../store/index.ts';

/**
 * Stores an AuditEvent as an ordinary resource (new id, version 1) with its search index, so the auditor finds it
 * with the normal search parameters. One statement: it is atomic on its own, and joins `repo`'s transaction when
 * `repo` is bound to one.
 */
export async function writeAuditEvent(repo: Repository, indexer: Engine['indexer'], event: AuditEvent): Promise<string> {
  const { id, version } = auditVersion(indexer, event);
  await repo.writeVersion(version);
  return id;
}

export function auditVersion(indexer: Engine['indexer'], event: AuditEvent): { id: string; version: NewVersion } {
  const id = randomUUID();
  const lastUpdated = new Date().toISOString();
  const { resourceType, ...rest } = event;
  const stored: AuditEvent = { resourceType, id, meta: { versionId: '1', lastUpdated }, ...rest };
  return {
    id,
    version: { resourceType: 'AuditEvent', id, versionId: 1, lastUpdated, method: 'POST', json: JSON.stringify(stored), index: indexer(stored), isNew: true },
  };
}
