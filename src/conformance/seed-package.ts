import type { Resource } from '@medplum/fhirtypes';
import type { Engine } from '../fhir/index.ts';
import type { TransactionRepository } from '../store/index.ts';
import type { CanonicalResource } from './package-resources.ts';

function withoutMeta(json: string): string {
  const { meta: _meta, ...rest } = JSON.parse(json) as Resource;
  return JSON.stringify(rest);
}

/** The stored copy of a canonical resource with the same url and version, by id; undefined when there is none. */
async function storedCopy(tx: TransactionRepository, wanted: CanonicalResource): Promise<{ id: string; versionId: number; json: string } | undefined> {
  const found = await tx.sql.query<{ id: string }>('SELECT DISTINCT id FROM indexed_uri WHERE resource_type = $1 AND param = $2 AND value = $3 ORDER BY id', [wanted.resourceType, 'url', wanted.url]);
  for (const { id } of found.rows) {
    const current = await tx.readCurrent(wanted.resourceType, id);
    if (!current || current.deleted || !current.json) continue;
    if ((JSON.parse(current.json) as { version?: string }).version === wanted.version) return { id, versionId: current.versionId, json: current.json };
  }
  return undefined;
}

/** An id for a new copy: the package's own, unless another resource holds it (another version of the same url). */
async function freeId(tx: TransactionRepository, wanted: CanonicalResource): Promise<{ id: string; versionId: number }> {
  const current = await tx.readCurrent(wanted.resourceType, wanted.id);
  if (!current || current.deleted) return { id: wanted.id, versionId: current?.versionId ?? 0 };
  const id = `${wanted.id}-${(wanted.version ?? 'x').replace(/[^A-Za-z0-9\-.]/g, '-')}`.slice(0, 64);
  return { id, versionId: (await tx.readCurrent(wanted.resourceType, id))?.versionId ?? 0 };
}

/**
 * Stores the package's conformance resources at start-up, so a vendor downloads the contract from the server it
 * builds against (`StructureDefinition?url=…`). Each is found by canonical url and version: one that is stored as
 * in the package is left alone (restarts and several instances write nothing), one that differs gets a new version
 * with the package's content. Only types the server stores are written.
 */
export async function seedPackageResources(engine: Engine, resources: readonly CanonicalResource[]): Promise<number> {
  const served = resources.filter((r) => engine.defs.isServed(r.resourceType));
  if (served.length === 0) return 0;
  let written = 0;
  await engine.repo.transaction(async (tx) => {
    await tx.lockKey('brug-conformance-package');
    for (const wanted of served) {
      const stored = await storedCopy(tx, wanted);
      const target = stored ?? (await freeId(tx, wanted));
      if (stored && withoutMeta(stored.json) === JSON.stringify({ ...wanted, id: stored.id, meta: undefined })) continue;
      const versionId = target.versionId + 1;
      const lastUpdated = new Date().toISOString();
      const resource = { ...wanted, id: target.id, meta: { ...wanted.meta, versionId: String(versionId), lastUpdated } } as Resource;
      await tx.writeVersion({
        resourceType: wanted.resourceType, id: target.id, versionId, lastUpdated, method: target.versionId > 0 ? 'PUT' : 'POST',
        json: JSON.stringify(resource), index: engine.indexer(resource), isNew: target.versionId === 0,
      });
      written++;
    }
  });
  return written;
}
