import type { Resource } from '@medplum/fhirtypes';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import { parseElements, parseSummary } from '../search/parse-result-params.ts';
import { applyElements, applySummary } from '../search/subsetting.ts';

/** `_summary` and `_elements` on a read (https://hl7.org/fhir/R4/search.html#summary); undefined when neither is asked. */
export function subsetForRead(engine: Engine, query: [string, string][], json: string): Resource | undefined {
  const summaryValue = query.find(([k]) => k === '_summary')?.[1];
  const elementsValue = query.find(([k]) => k === '_elements')?.[1];
  const summary = summaryValue === undefined ? undefined : parseSummary(summaryValue);
  if (summary === 'count') throw FhirErrors.invalidSearch(['_summary=count is not valid on a read'], { expression: ['_summary'] });
  if ((summary === undefined || summary === 'false') && elementsValue === undefined) return undefined;
  const resource = JSON.parse(json) as Resource;
  if (summary !== undefined && summary !== 'false') return applySummary(resource, summary, engine.defs);
  return applyElements(resource, parseElements(elementsValue!), engine.defs);
}
