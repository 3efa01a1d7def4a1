// https://hl7.org/fhir/R4/http.html#delete and #cdelete
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { assertValidId } from '../resource-body.ts';
import { findForCondition } from '../search/run-search.ts';
import { writeResource } from '../write/write-resource.ts';
import { queryString } from './query-string.ts';

export async function deleteResource(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  assertValidId(id);
  const result = await writeResource(
    engine,
    context,
    { operation: 'delete', resourceType: type, id, ifMatch: req.headers.ifMatch }
  );
  // Deleting what is already deleted changes nothing and is not an error (http.html#delete).
  return { status: 204, versionId: String(result.versionId), lastModified: result.lastUpdated };
}

/** DELETE [type]?[search]: deletes the single match; none is a successful no-op; several is 412. */
export async function conditionalDelete(engine: Engine, context: InteractionContext, req: FhirRequest, type: string): Promise<FhirResponse> {
  const query = queryString(req.query);
  if (query === '') throw FhirErrors.conditionalEmpty(['delete']);
  return engine.repo.transaction(async (tx) => {
    const matches = await findForCondition(engine, type, query, context, tx, 2);
    if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query]);
    if (matches.length === 0) return { status: 204 };
    return deleteResource({ ...engine, repo: tx }, context, req, type, matches[0]!.id);
  });
}
