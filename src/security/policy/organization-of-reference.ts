import type { Reference } from '@medplum/fhirtypes';
import { currentResource, referenceKey } from '../../fhir/index.ts';
import type { Repository } from '../../store/index.ts';

/**
 * The organisation a reference stands for: `Organization/x` is x, a PractitionerRole its `organization`, a
 * HealthcareService its `providedBy`. Read in the write's own transaction, so a Bundle may create both at once.
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
