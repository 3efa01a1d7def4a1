// https://hl7.org/fhir/R4/http.html#patch: in a Bundle, a JSON Patch travels as a Binary, a FHIRPath Patch as Parameters
import { FhirErrors } from '../../errors.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body the patch interaction expects from a PATCH entry: the JSON Patch operations decoded from a Binary with
 * contentType application/json-patch+json, or a FHIRPath Patch Parameters resource as it is.
 */
export function patchBody(resource: unknown, at: string): { body: unknown; contentType: string } {
  const where = { expression: [`${at}.resource`] };
  if (!isObject(resource)) throw FhirErrors.invalidPatch(['a PATCH entry needs a Binary (JSON Patch) or Parameters (FHIRPath Patch) resource'], where);
  if (resource.resourceType === 'Parameters') return { body: resource, contentType: 'application/fhir+json' };
  if (resource.resourceType !== 'Binary' || typeof resource.contentType !== 'string' || !/^application\/json-patch\+json\b/.test(resource.contentType)) {
    throw FhirErrors.invalidPatch(['a PATCH entry needs a Binary with contentType application/json-patch+json, or a Parameters resource'], where);
  }
  if (typeof resource.data !== 'string') throw FhirErrors.invalidPatch(['the Binary has no data'], { expression: [`${at}.resource.data`] });
  try {
    return { body: JSON.parse(Buffer.from(resource.data, 'base64').toString('utf8')) as unknown, contentType: 'application/json-patch+json' };
  } catch {
    throw FhirErrors.invalidPatch(['Binary.data is not base64-encoded JSON'], { expression: [`${at}.resource.data`] });
  }
}
