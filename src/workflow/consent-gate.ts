import type { Consent, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { readReferenced, referenceKey } from '../fhir/index.ts';
import type { Repository } from '../store/index.ts';
import { consentMisfit, type ConsentMisfit } from './consent-fit.ts';
import type { OrganizationOf } from './task-sides.ts';

/** Why a referral may not be shared: a sentence, and the Consent element it is about when one Consent was looked at. */
export interface ConsentProblem {
  readonly reason: string;
  readonly consentExpression?: string;
}

function patientOf(reference: Reference | undefined): string | undefined {
  const key = referenceKey(reference);
  return key?.type === 'Patient' ? `Patient/${key.id}` : undefined;
}

/**
 * Why the referral has no Consent that covers it, or undefined when one of the Consents in `supportingInfo` does
 * (handreiking §9: no sharing without consent). With `task`, the Consent must also be about `Task.for` and name the
 * Task's owner among its recipients. `replacing` is a Consent about to be stored: it is judged instead of the stored
 * version of the same id (a Consent update deciding whether it still covers the referrals resting on it).
 */
export async function consentProblem(repo: Repository, request: ServiceRequest, task: Task | undefined, organizationOf: OrganizationOf, replacing?: Consent): Promise<ConsentProblem | undefined> {
  const references = (request.supportingInfo ?? []).filter((r) => referenceKey(r)?.type === 'Consent');
  if (references.length === 0) return { reason: 'ServiceRequest.supportingInfo names no Consent' };
  const subjects = [patientOf(request.subject), patientOf(task?.for)].filter((s): s is string => s !== undefined);
  const recipient = task ? await organizationOf(repo, task.owner) : undefined;
  let first: { reference: string; misfit: ConsentMisfit } | undefined;
  for (const reference of references) {
    const key = referenceKey(reference)!;
    const consent = replacing?.id === key.id ? replacing : await readReferenced<Consent>(repo, reference, 'Consent');
    if (!consent) {
      first ??= { reference: reference.reference!, misfit: { reason: 'it does not exist', expression: 'Consent' } };
      continue;
    }
    const misfit = await consentMisfit(repo, consent, { subjects: [...new Set(subjects)], recipient }, organizationOf);
    if (!misfit) return undefined;
    first ??= { reference: reference.reference!, misfit };
  }
  const { reference, misfit } = first!;
  const alsoOthers = references.length > 1 ? ` (and none of the other Consents in ServiceRequest.supportingInfo covers it)` : '';
  return { reason: `${reference} does not cover this referral: ${misfit.reason}${alsoOthers}`, consentExpression: misfit.expression === 'Consent' ? undefined : misfit.expression };
}
