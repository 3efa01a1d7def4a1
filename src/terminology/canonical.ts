/** Canonical URLs (`url|version`) and an in-memory index of the resources they name. */
export type CanonicalType = 'CodeSystem' | 'ValueSet' | 'ConceptMap';

export const CANONICAL_TYPES: readonly CanonicalType[] = ['CodeSystem', 'ValueSet', 'ConceptMap'];

export interface CanonicalResource {
  readonly resourceType: string;
  readonly id?: string;
  readonly url?: string;
  readonly version?: string;
}

export interface Canonical {
  readonly url: string;
  readonly version?: string;
}

/** https://hl7.org/fhir/R4/references.html#canonical: the version follows a `|`. */
export function splitCanonical(canonical: string): Canonical {
  const bar = canonical.indexOf('|');
  if (bar < 0) return { url: canonical };
  const version = canonical.slice(bar + 1);
  return version === '' ? { url: canonical.slice(0, bar) } : { url: canonical.slice(0, bar), version };
}

export function isCanonicalType(type: string): type is CanonicalType {
  return (CANONICAL_TYPES as readonly string[]).includes(type);
}

/** The version asked for, or the last one listed when none is asked for (sources list newest last). */
export function pickVersion<T extends CanonicalResource>(candidates: readonly T[], version: string | undefined): T | undefined {
  if (version === undefined) return candidates[candidates.length - 1];
  return candidates.find((c) => c.version === version);
}

/** Terminology resources by type and canonical URL (several versions may share a URL), and by id. */
export class CanonicalIndex {
  private readonly byUrl = new Map<string, CanonicalResource[]>();
  private readonly byId = new Map<string, CanonicalResource>();

  add(resource: CanonicalResource): void {
    if (!isCanonicalType(resource.resourceType)) return;
    if (resource.id) this.byId.set(`${resource.resourceType}/${resource.id}`, resource);
    if (!resource.url) return;
    const key = `${resource.resourceType} ${resource.url}`;
    const list = this.byUrl.get(key) ?? [];
    list.push(resource);
    this.byUrl.set(key, list);
  }

  find(type: CanonicalType, canonical: Canonical): CanonicalResource | undefined {
    return pickVersion(this.byUrl.get(`${type} ${canonical.url}`) ?? [], canonical.version);
  }

  findById(type: CanonicalType, id: string): CanonicalResource | undefined {
    return this.byId.get(`${type}/${id}`);
  }

  all(type: CanonicalType): CanonicalResource[] {
    return [...this.byUrl.entries()].filter(([key]) => key.startsWith(`${type} `)).flatMap(([, list]) => list);
  }

  get size(): number {
    return this.byUrl.size;
  }
}
