import type { Reference, Resource } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';

/**
 * `Type/id` of a relative literal reference; undefined for any other. An absolute URL may name another server
 * (Bundle processing has already made references within a Bundle relative).
 */
export function referenceKey(reference: Reference | undefined): { type: string; id: string } | undefined {
  const m = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference?.reference ?? '');
  return m ? { type: m[1]!, id: m[2]! } : undefined;
}

/** The current, not deleted content of a resource, in the repository's transaction. */
export async function currentResource(repo: Repository, type: string, id: string): Promise<Resource | undefined> {
  const version = await repo.readCurrent(type, id);
  return version && !version.deleted && version.json !== null ? (JSON.parse(version.json) as Resource) : undefined;
}

/**
 * The current resource a reference points at when it is of `type`, read through `repo`: inside a write's own
 * transaction, what an earlier entry of the same transaction Bundle wrote is there already.
 */
export async function readReferenced<T extends Resource>(repo: Repository, reference: Reference | undefined, type: T['resourceType']): Promise<T | undefined> {
  const key = referenceKey(reference);
  return key?.type === type ? ((await currentResource(repo, key.type, key.id)) as T | undefined) : undefined;
}

/**
 * The organisation a reference stands for: `Organization/x` is x, a PractitionerRole its `organization`, a
 * HealthcareService its `providedBy`; undefined when it stands for none. Read through `repo`, in a write's own
 * transaction, so a Bundle may create both at once.
 */
export async function organizationOf(repo: Repository, reference: Reference | undefined): Promise<string | undefined> {
  const key = referenceKey(reference);
  if (!key) return undefined;
  if (key.type === 'Organization') return key.id;
  if (key.type !== 'PractitionerRole' && key.type !== 'HealthcareService') return undefined;
  const resource = await currentResource(repo, key.type, key.id);
  if (resource?.resourceType === 'PractitionerRole') return referenceKey(resource.organization)?.id;
  if (resource?.resourceType === 'HealthcareService') return referenceKey(resource.providedBy)?.id;
  return undefined;
}
