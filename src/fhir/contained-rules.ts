// https://hl7.org/fhir/R4/references.html#contained and the invariant dom-2 of DomainResource
import { FhirErrors } from './errors.ts';
import { limitLabel, type FhirLimits } from './limits.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The shape of `contained`, checked before validation, indexing and hooks walk the resource: every one of them
 * assumes a list of resources, one level deep. A contained resource with its own `contained` breaks dom-2 ("SHALL
 * NOT contain nested Resources"), and would let one resource hold resources inside resources as deep as the JSON goes.
 */
export function assertContained(resource: { resourceType: string; contained?: unknown }, limits: FhirLimits): void {
  const { contained, resourceType } = resource;
  if (contained === undefined) return;
  const at = `${resourceType}.contained`;
  if (!Array.isArray(contained)) throw FhirErrors.containedNotList([at], { expression: [at] });
  if (contained.length > limits.maxContained) {
    throw FhirErrors.tooManyContained([resourceType, contained.length, limits.maxContained, limitLabel(limits, 'maxContained')], { expression: [at] });
  }
  contained.forEach((item: unknown, i) => {
    if (!isObject(item) || typeof item.resourceType !== 'string') throw FhirErrors.containedNotResource([`${at}[${i}]`], { expression: [`${at}[${i}]`] });
    if (item.contained !== undefined) throw FhirErrors.containedNested([`${at}[${i}]`], { expression: [`${at}[${i}].contained`] });
  });
}
