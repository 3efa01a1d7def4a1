import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';

/** What a FHIR package publishes as its contract: the resources a vendor downloads to build against Brug. */
export const CONFORMANCE_TYPES: ReadonlySet<string> = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'SearchParameter', 'ImplementationGuide']);

export type CanonicalResource = Resource & { id: string; url: string; version?: string };

/**
 * The conformance resources of a package folder (one resource per file, examples left out); files that do not parse
 * or lack an id or url are skipped, as the validator and terminology layer skip them.
 */
export function readPackageResources(dir: string): CanonicalResource[] {
  if (!existsSync(dir)) return [];
  const resources: CanonicalResource[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.')).sort()) {
    let resource: Partial<CanonicalResource>;
    try {
      resource = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Partial<CanonicalResource>;
    } catch {
      continue;
    }
    if (CONFORMANCE_TYPES.has(String(resource.resourceType)) && typeof resource.id === 'string' && typeof resource.url === 'string') resources.push(resource as CanonicalResource);
  }
  return resources;
}
