/**
 * The referral test kit's resources: a referral's Patient, Consent, ServiceRequest, Task and feedback, built from the
 * profile package's examples with the references of the organisations and roles a test set up. The callers are in
 * referral-world.ts, a referral chain placed as one Bundle in referral-chain.ts.
 */
import type { Communication, Consent, Organization, Patient, ServiceRequest, Task } from '@medplum/fhirtypes';
import { BrugCodeSystems } from '../../src/canonical-urls.ts';
import { example, type Caller } from './referral-world.ts';

export const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';

/** The ids of one referral's resources. */
export interface ReferralResourceIds {
  Patient: string;
  Consent: string;
  ServiceRequest: string;
  Task: string;
  Communication: string;
}

/** The Organization `id`, written by the administrator when it is not there yet. */
export async function ensureOrganization(admin: Caller, id: string, name: string, extra: Partial<Organization> = {}): Promise<void> {
  if ((await admin.get(`Organization/${id}`)).status === 200) return;
  const organization = { ...example<Organization>('Organization-voorbeeld-organisatie-welzijn'), id, name, ...extra };
  const res = await admin.request('PUT', `Organization/${id}`, organization);
  if (res.status !== 201) throw new Error(`could not create Organization/${id}: ${JSON.stringify(res.body)}`);
}

export function patientWith(bsn: string, practiceOrg: string): Patient {
  const patient = example<Patient>('Patient-voorbeeld-patient-anna', { 'Organization/voorbeeld-organisatie-huisartsenpraktijk': `Organization/${practiceOrg}` });
  patient.identifier = [{ system: BSN, value: bsn }];
  return patient;
}

/** The consent (brug-toestemming) of a patient for the practice to refer to one welfare organisation. */
export function consentFor(patientId: string, practiceOrg: string, welfareOrg: string): Consent {
  return example<Consent>('Consent-voorbeeld-toestemming-anna', {
    'Patient/voorbeeld-patient-anna': `Patient/${patientId}`,
    'Organization/voorbeeld-organisatie-welzijn': `Organization/${welfareOrg}`,
    'Organization/voorbeeld-organisatie-huisartsenpraktijk': `Organization/${practiceOrg}`,
  });
}

/** The referral (brug-verwijzing), requested by `requesterRole`. */
export function referralFor(patientId: string, requesterRole: string, service: string, consentId: string): ServiceRequest {
  const request = example<ServiceRequest>('ServiceRequest-voorbeeld-verwijzing-anna', {
    'Patient/voorbeeld-patient-anna': `Patient/${patientId}`,
    'PractitionerRole/voorbeeld-rol-poh': `PractitionerRole/${requesterRole}`,
    'HealthcareService/voorbeeld-aanbod-welzijnscoach': `HealthcareService/${service}`,
    'Consent/voorbeeld-toestemming-anna': `Consent/${consentId}`,
  });
  request.status = 'active';
  request.identifier = [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${crypto.randomUUID()}` }];
  return request;
}

/** The referral's Task (brug-verwijzingtaak), owned by a welfare organisation. */
export function taskFor(requestId: string, patientId: string, requesterRole: string, ownerOrg: string): Task {
  const task = example<Task>('Task-voorbeeld-taak-anna', {
    'ServiceRequest/voorbeeld-verwijzing-anna': `ServiceRequest/${requestId}`,
    'Patient/voorbeeld-patient-anna': `Patient/${patientId}`,
    'PractitionerRole/voorbeeld-rol-poh': `PractitionerRole/${requesterRole}`,
  });
  task.status = 'requested';
  // A requested Task is in the first process step (src/workflow/task-transitions.ts).
  task.businessStatus = { coding: [{ system: BrugCodeSystems.processtap, code: 'signaleren-verwijzen' }] };
  task.owner = { reference: `Organization/${ownerOrg}` };
  delete task.output;
  delete task.executionPeriod;
  return task;
}

/** Feedback on a referral (brug-terugkoppeling), from `senderRole` to `recipientRole`. */
export function feedback(ids: Omit<ReferralResourceIds, 'Communication'>, senderRole: string, recipientRole: string): Communication {
  return example<Communication>('Communication-voorbeeld-terugkoppeling-eerste-contact', {
    'ServiceRequest/voorbeeld-verwijzing-anna': `ServiceRequest/${ids.ServiceRequest}`,
    'Patient/voorbeeld-patient-anna': `Patient/${ids.Patient}`,
    'Task/voorbeeld-taak-anna': `Task/${ids.Task}`,
    'PractitionerRole/voorbeeld-rol-welzijnscoach': `PractitionerRole/${senderRole}`,
    'PractitionerRole/voorbeeld-rol-poh': `PractitionerRole/${recipientRole}`,
  });
}

export async function setConsentStatus(practice: Caller, consentId: string, status: Consent['status']): Promise<void> {
  const current = await practice.get(`Consent/${consentId}`);
  const res = await practice.request('PUT', `Consent/${consentId}`, { ...current.body, status });
  if (res.status !== 200) throw new Error(`could not set Consent/${consentId} ${status}: ${JSON.stringify(res.body)}`);
}
