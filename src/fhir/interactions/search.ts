// https://hl7.org/fhir/R4/http.html#search (GET and POST _search, type and system level)
import type { Engine } from '../engine.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { runSearch } from '../search/run-search.ts';

export async function search(engine: Engine, context: InteractionContext, req: FhirRequest, type?: string): Promise<FhirResponse> {
  const bundle = await runSearch(engine, {
    resourceTypes: type === undefined ? undefined : [type],
    params: req.query,
    strict: req.headers.preferHandling === 'strict',
    context,
    basePath: type ?? '',
  });
  return { status: 200, resource: bundle };
}
