import type { Resource } from '@medplum/fhirtypes';
import type { ResourceVersion, TransactionRepository } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { CommittedContext, InteractionContext, WriteContext } from '../hooks/points.ts';
import { assertContained } from '../contained-rules.ts';
import { withServerMeta } from '../resource-body.ts';

export type WriteOperation = 'create' | 'update' | 'patch' | 'delete';

export interface WriteRequest {
  operation: WriteOperation;
  resourceType: string;
  id: string;
  /** The new content (create, update); for patch, computed from the current version by `patch`. */
  resource?: Resource;
  patch?: (current: Resource) => Resource;
  /** Version id the client expects to be current (If-Match). */
  ifMatch?: string;
}

export interface WriteResult {
  resource?: Resource;
  /** `resource` as stored, serialised once for the store: the response sends this text instead of serialising again. */
  json?: string;
  versionId: number;
  lastUpdated: string;
  /** True when the write created the resource (201), false for an update of an existing one. */
  created: boolean;
  /** True when nothing was written (deleting what is already deleted). */
  unchanged: boolean;
}

function checkIfMatch(current: ResourceVersion | undefined, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const actual = current && !current.deleted ? String(current.versionId) : 'none';
  if (actual !== ifMatch) throw FhirErrors.versionConflict([actual, ifMatch]);
}

/** The current version, locked; a resource that does not exist yet is locked by key, so two creates of one id queue. */
async function lockForWrite(tx: TransactionRepository, type: string, id: string, isServerAssigned: boolean): Promise<ResourceVersion | undefined> {
  if (isServerAssigned) return undefined;
  const current = await tx.lockCurrent(type, id);
  if (current) return current;
  await tx.lockKey(`resource:${type}/${id}`);
  return tx.lockCurrent(type, id);
}

function currentResource(current: ResourceVersion | undefined, type: string, id: string): Resource {
  if (!current) throw FhirErrors.notFound([type, id]);
  if (current.deleted || current.json === null) throw FhirErrors.gone([type, id]);
  return JSON.parse(current.json) as Resource;
}

/**
 * The one write path of the engine (https://hl7.org/fhir/R4/http.html): every create, update, patch and delete,
 * over HTTP or in a Bundle, goes through here, so version checks, hooks and indexing happen exactly once per write.
 */
export async function writeResource(engine: Engine, context: InteractionContext, req: WriteRequest): Promise<WriteResult> {
  const { hooks } = engine;
  // Writes hooks make alongside this one: inside a Bundle their postCommit waits for the Bundle, otherwise for this write.
  const cascaded: CommittedContext[] = [];
  const result = await engine.repo.transaction(async (tx) => {
    cascaded.length = 0;
    const cascadeEngine: Engine = { ...engine, repo: tx, bundleTransaction: engine.bundleTransaction ?? { deferredCommits: cascaded } };
    const writeAlso: WriteContext['writeAlso'] = (cascade, interaction = context) => writeResource(cascadeEngine, { ...interaction, cascadeOf: context }, cascade);
    const current = await lockForWrite(tx, req.resourceType, req.id, req.operation === 'create');
    checkIfMatch(current, req.ifMatch);
    const versionId = (current?.versionId ?? 0) + 1;
    const lastUpdated = new Date().toISOString();
    if (req.operation === 'delete') {
      if (!current) throw FhirErrors.notFound([req.resourceType, req.id]);
      if (current.deleted) return { versionId: current.versionId, lastUpdated: current.lastUpdated, created: false, unchanged: true };
      const previous = currentResource(current, req.resourceType, req.id);
      const ctx: WriteContext = { interaction: context, operation: 'delete', resourceType: req.resourceType, id: req.id, previous, tx, writeAlso };
      await hooks.run('storage.preWrite', ctx);
      await tx.writeDeletion(req.resourceType, req.id, versionId, lastUpdated);
      await hooks.run('storage.preCommit', ctx);
      if (context.writes) context.writes.count++;
      return { versionId, lastUpdated, created: false, unchanged: false };
    }
    const previous = current && !current.deleted && current.json !== null ? (JSON.parse(current.json) as Resource) : undefined;
    const base = req.operation === 'patch' ? req.patch!(currentResource(current, req.resourceType, req.id)) : req.resource!;
    assertContained(base, engine.config.limits);
    const resource = withServerMeta(base, req.id, versionId, lastUpdated);
    await hooks.run('resource.validate', { interaction: context, resource });
    const validated = JSON.stringify(resource);
    const ctx: WriteContext = { interaction: context, operation: req.operation, resourceType: req.resourceType, id: req.id, previous, resource, tx, writeAlso };
    await hooks.run('storage.preWrite', ctx);
    const stored = ctx.resource ?? resource;
    const json = JSON.stringify(stored);
    // preWrite hooks rewrite what they rule on (timestamps, tags, server fields), in place or as a new object: what is
    // stored is validated as stored.
    if (json !== validated) await hooks.run('resource.validate', { interaction: context, resource: stored });
    await tx.writeVersion({
      resourceType: req.resourceType,
      id: req.id,
      versionId,
      lastUpdated,
      method: req.operation === 'create' ? 'POST' : req.operation === 'patch' ? 'PATCH' : 'PUT',
      json,
      index: engine.indexer(stored),
      isNew: current === undefined,
    });
    await hooks.run('storage.preCommit', { ...ctx, resource: stored });
    if (context.writes) context.writes.count++;
    return { resource: stored, json, versionId, lastUpdated, created: current === undefined || current.deleted, unchanged: false };
  });
  if (!result.unchanged && hooks.has('storage.postCommit')) {
    const committed: CommittedContext = { interaction: context, resourceType: req.resourceType, id: req.id, versionId: result.versionId, operation: req.operation, resource: result.resource };
    // Inside a transaction Bundle the commit comes later; the bundle processor runs these after it.
    if (engine.bundleTransaction) engine.bundleTransaction.deferredCommits.push(committed);
    else await runPostCommit(engine, committed);
  }
  for (const nested of cascaded) await runPostCommit(engine, nested);
  return result;
}

/** postCommit hooks may not fail a request that has already been committed: their errors are logged only. */
export async function runPostCommit(engine: Engine, committed: CommittedContext): Promise<void> {
  await engine.hooks
    .run('storage.postCommit', committed)
    .catch((err: unknown) => committed.interaction.log.error({ err, resourceType: committed.resourceType, id: committed.id }, 'postCommit hook failed'));
}
