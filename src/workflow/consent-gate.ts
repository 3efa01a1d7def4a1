import type { Consent, ServiceRequest } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { readReferenced } from '../fhir/index.ts';

/**
 * Why a referral has no active consent, or undefined when it has one (handreiking §9: no sharing without consent).
 * The consent is the Consent the ServiceRequest names in `supportingInfo`.
 */
export async function missingConsent(repo: Repository, request: ServiceRequest): Promise<string | undefined> {
  const references = (request.supportingInfo ?? []).filter((r) => r.reference?.startsWith('Consent/'));
  if (references.length === 0) return 'ServiceRequest.supportingInfo names no Consent';
  for (const reference of references) {
    const consent = await readReferenced<Consent>(repo, reference, 'Consent');
    if (consent?.status === 'active') return undefined;
  }
  return `the Consent in ServiceRequest.supportingInfo (${references.map((r) => r.reference).join(', ')}) is not there or not active`;
}
