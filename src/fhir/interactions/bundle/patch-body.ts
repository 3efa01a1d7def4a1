// https://hl7.org/fhir/R4/http.html#patch: in a Bundle, a JSON Patch travels as a Binary, a FHIRPath Patch as Parameters
import { FhirErrors } from '../../errors.ts';
import { jsonShapeProblem } from '../../http/json-depth.ts';
import { DEFAULT_LIMITS, limitLabel, type FhirLimits } from '../../limits.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body the patch interaction expects from a PATCH entry: the JSON Patch operations decoded from a Binary with
 * contentType application/json-patch+json, or a FHIRPath Patch Parameters resource as it is.
 */
export function patchBody(resource: unknown, at: string, limits: FhirLimits = DEFAULT_LIMITS): { body: unknown; contentType: string } {
  const where = { expression: [`${at}.resource`] };
  if (!isObject(resource)) throw FhirErrors.invalidPatch(['a PATCH entry needs a Binary (JSON Patch) or Parameters (FHIRPath Patch) resource'], where);
  if (resource.resourceType === 'Parameters') return { body: resource, contentType: 'application/fhir+json' };
  if (resource.resourceType !== 'Binary' || typeof resource.contentType !== 'string' || !/^application\/json-patch\+json\b/.test(resource.contentType)) {
    throw FhirErrors.invalidPatch(['a PATCH entry needs a Binary with contentType application/json-patch+json, or a Parameters resource'], where);
  }
  if (typeof resource.data !== 'string') throw FhirErrors.invalidPatch(['the Binary has no data'], { expression: [`${at}.resource.data`] });
  const text = Buffer.from(resource.data, 'base64').toString('utf8');
  // The JSON inside the Binary escaped the body's depth check, which saw only a string.
  const problem = jsonShapeProblem(text, limits.maxJsonDepth, limits.maxArrayItems);
  const data = { expression: [`${at}.resource.data`] };
  if (problem === 'too-deep') throw FhirErrors.jsonTooDeep([limits.maxJsonDepth, limits.maxJsonDepth], data);
  if (problem === 'too-long') throw FhirErrors.arrayTooLong([limits.maxArrayItems, limitLabel(limits, 'maxArrayItems')], data);
  try {
    return { body: JSON.parse(text) as unknown, contentType: 'application/json-patch+json' };
  } catch {
    throw FhirErrors.invalidPatch(['Binary.data is not base64-encoded JSON'], { expression: [`${at}.resource.data`] });
  }
}
