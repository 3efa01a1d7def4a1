/**
 * Referrals placed over the API the way a practice places them (one transaction Bundle per group, each referral a
 * Patient, an active Consent, a ServiceRequest and its Task, as in examples/1-verwijzing.json). Benchmarks need real
 * ones: the workflow creates a Task only for an existing ServiceRequest with an active Consent, and reads and
 * searches should meet what a deployment holds.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { createRequesterRole, referralBundle, type FhirClient } from '../test/support/referral-load.ts';

export interface PlacedReferral {
  readonly patient: string;
  readonly serviceRequest: string;
  readonly task: string;
}

/** The ids the transaction-response assigned, per referral (the request's entries come in groups of four). */
function placedIn(request: Bundle, response: Bundle): PlacedReferral[] {
  const out: PlacedReferral[] = [];
  let current: Partial<Record<'Patient' | 'ServiceRequest' | 'Task', string>> = {};
  (request.entry ?? []).forEach((entry, i) => {
    const type = entry.resource?.resourceType;
    if (type !== 'Patient' && type !== 'ServiceRequest' && type !== 'Task') return;
    const id = new RegExp(`^${type}/([^/]+)`).exec(response.entry?.[i]?.response?.location ?? '')?.[1];
    if (!id) throw new Error(`no ${type} location in entry ${i} of the transaction-response`);
    current[type] = id;
    if (type === 'Task') {
      out.push({ patient: current.Patient!, serviceRequest: current.ServiceRequest!, task: id });
      current = {};
    }
  });
  return out;
}

/**
 * Places one referral per entry of `owners` (organisation ids), `perBundle` to a transaction, as `client` (a
 * practice, or an administrator who may act for one). Throws when the server refuses a Bundle.
 */
export async function placeReferrals(client: FhirClient, owners: readonly string[], perBundle = 20): Promise<PlacedReferral[]> {
  const role = await createRequesterRole(client);
  const placed: PlacedReferral[] = [];
  for (let i = 0; i < owners.length; i += perBundle) {
    const bundle = referralBundle(role, owners.slice(i, i + perBundle));
    const res = await client.request('POST', '', bundle);
    if (res.status !== 200) throw new Error(`referrals refused: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    placed.push(...placedIn(bundle, res.body as Bundle));
  }
  return placed;
}
