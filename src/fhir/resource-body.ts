import type { Resource } from '@medplum/fhirtypes';
import type { FhirDefinitions } from './definitions/load-definitions.ts';
import { FhirErrors } from './errors.ts';

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

export function assertValidId(id: string): void {
  if (!isValidId(id)) throw FhirErrors.invalidId([id]);
}

/** Checks the URL's type: unknown to R4 and known-but-not-served get different messages, both 404. */
export function assertServedType(defs: FhirDefinitions, resourceType: string): void {
  if (defs.isServed(resourceType)) return;
  if (defs.allResourceTypes.has(resourceType)) throw FhirErrors.typeNotServed([resourceType]);
  throw FhirErrors.unknownType([resourceType]);
}

/** The request body as a resource of the expected type (https://hl7.org/fhir/R4/http.html#create, #update). */
export function resourceFromBody(body: unknown, expectedType: string): Resource {
  if (body === undefined || body === null || body === '') throw FhirErrors.missingBody();
  if (typeof body !== 'object' || Array.isArray(body)) throw FhirErrors.notAResource();
  const resource = body as Resource & { resourceType?: unknown };
  if (typeof resource.resourceType !== 'string') throw FhirErrors.notAResource([], { expression: ['resourceType'] });
  if (resource.resourceType !== expectedType) {
    throw FhirErrors.typeMismatch([resource.resourceType, expectedType], { expression: ['resourceType'] });
  }
  return resource;
}

/** A deep copy with server-owned meta (versionId, lastUpdated) set and the id in place. */
export function withServerMeta(resource: Resource, id: string, versionId: number, lastUpdated: string): Resource {
  const { resourceType, id: _ignored, meta, ...rest } = structuredClone(resource) as Resource;
  return { resourceType, id, meta: { ...(meta ?? {}), versionId: String(versionId), lastUpdated }, ...rest } as Resource;
}
