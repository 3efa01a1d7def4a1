// https://hl7.org/fhir/R4/http.html#update (update as create) and #cond-update
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { assertValidId, resourceFromBody } from '../resource-body.ts';
import { findForCondition } from '../search/run-search.ts';
import { conditionalLockKey } from './conditional-lock.ts';
import { queryString } from './query-string.ts';
import { writeResource } from '../write/write-resource.ts';

export async function update(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  assertValidId(id);
  const resource = resourceFromBody(req.body, type);
  if (resource.id === undefined) throw FhirErrors.idMissing([], { expression: ['id'] });
  if (resource.id !== id) throw FhirErrors.idMismatch([resource.id, id], { expression: ['id'] });
  const result = await writeResource(
    engine,
    context,
    { operation: 'update', resourceType: type, id, resource, ifMatch: req.headers.ifMatch }
  );
  return {
    status: result.created ? 201 : 200,
    resource: result.resource,
    json: result.json,
    versionId: String(result.versionId),
    lastModified: result.lastUpdated,
    location: `${type}/${id}/_history/${result.versionId}`,
    representsStored: true,
  };
}

/** PUT [type]?[search]: no match creates (with the body's id, or a new one), one match updates it, several is 412. */
export async function conditionalUpdate(engine: Engine, context: InteractionContext, req: FhirRequest, type: string): Promise<FhirResponse> {
  const query = queryString(req.query);
  if (query === '') throw FhirErrors.conditionalEmpty(['update']);
  const resource = resourceFromBody(req.body, type);
  return engine.repo.transaction(async (tx) => {
    await tx.lockKey(conditionalLockKey('update', type, query));
    const matches = await findForCondition(engine, type, query, context, tx, 2);
    if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query]);
    const match = matches[0];
    if (match && resource.id !== undefined && resource.id !== match.id) {
      throw FhirErrors.idMismatch([resource.id, match.id], { expression: ['id'] });
    }
    const id = match?.id ?? resource.id ?? randomUUID();
    if (!match && resource.id !== undefined) assertValidId(resource.id);
    return update({ ...engine, repo: tx }, context, { ...req, body: { ...resource, id } }, type, id);
  });
}
