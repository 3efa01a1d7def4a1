// https://hl7.org/fhir/R4/http.html#create and #ccreate (If-None-Exist)
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { resourceFromBody } from '../resource-body.ts';
import { findForCondition } from '../search/run-search.ts';
import { writeResource } from '../write/write-resource.ts';
import { conditionalLockKey, ifNoneExistQuery } from './conditional-lock.ts';

export interface CreateOptions {
  /** Id to use instead of a fresh UUID (transactions assign ids before they process entries). */
  id?: string;
}

export async function create(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, options: CreateOptions = {}): Promise<FhirResponse> {
  const resource = resourceFromBody(req.body, type);
  const write = async (e: Engine): Promise<FhirResponse> => {
    const result = await writeResource(e, context, { operation: 'create', resourceType: type, id: options.id ?? randomUUID(), resource });
    return {
      status: 201,
      resource: result.resource,
      json: result.json,
      versionId: String(result.versionId),
      lastModified: result.lastUpdated,
      location: `${type}/${result.resource!.id}/_history/${result.versionId}`,
      representsStored: true,
    };
  };
  const condition = req.headers.ifNoneExist;
  if (condition === undefined) return write(engine);
  const query = ifNoneExistQuery(condition);
  if (query.trim() === '') throw FhirErrors.conditionalEmpty(['create']);
  // The lock makes check-then-create atomic among concurrent conditional creates of the same condition.
  return engine.repo.transaction(async (tx) => {
    await tx.lockKey(conditionalLockKey('create', type, query));
    const matches = await findForCondition(engine, type, query, context, tx, 2);
    if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query]);
    const existing = matches[0];
    if (!existing) return write({ ...engine, repo: tx });
    return {
      status: 200,
      json: existing.json,
      versionId: String(existing.versionId),
      lastModified: existing.lastUpdated,
      location: `${type}/${existing.id}/_history/${existing.versionId}`,
      representsStored: true,
    };
  });
}
