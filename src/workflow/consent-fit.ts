import type { Consent, Reference } from '@medplum/fhirtypes';
import { referenceKey } from '../fhir/index.ts';
import type { Repository } from '../store/index.ts';
import type { OrganizationOf } from './task-sides.ts';

/** What the Brug Consent profile (brug-toestemming) fixes: a privacy consent of the patient. */
const SCOPE = { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' };
const CATEGORY = { system: 'http://loinc.org', code: '59284-0' };

/** The referral a Consent must cover: whose it is and, once a Task names it, the organisation that receives it. */
export interface ReferralParties {
  /** `Patient/x`: ServiceRequest.subject, and Task.for when the Task names one. */
  readonly subjects: readonly string[];
  /** The Organization id of the Task's owner, when there is a Task and its owner resolves to one. */
  readonly recipient?: string;
}

/** Why a Consent does not cover a referral: a sentence and the Consent element it is about. */
export interface ConsentMisfit {
  readonly reason: string;
  readonly expression: string;
}

function hasCoding(codings: readonly { system?: string; code?: string }[] | undefined, wanted: { system: string; code: string }): boolean {
  return (codings ?? []).some((c) => c.system === wanted.system && c.code === wanted.code);
}

// Building a formatter loads time-zone data each time (about 0.2 ms, the largest item in a create's profile); one
// formatter serves every call.
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the Netherlands, cut to the precision of `value` (a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD). */
function todayAtPrecisionOf(value: string, now: Date): string {
  return AMSTERDAM_DAY.format(now).slice(0, value.length);
}

/**
 * Whether `now` is on or after `start` (side 'start') or on or before `end` (side 'end'). A date without a time
 * covers its whole day (month, year) in Europe/Amsterdam, so a consent ending "2026-05-31" still holds on that day.
 */
function withinBound(value: string, side: 'start' | 'end', now: Date): boolean {
  if (value.length <= 10) {
    const today = todayAtPrecisionOf(value, now);
    return side === 'start' ? value <= today : value >= today;
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return false;
  return side === 'start' ? instant <= now.getTime() : instant >= now.getTime();
}

async function namesRecipient(repo: Repository, actors: readonly { reference: Reference }[], recipient: string, organizationOf: OrganizationOf): Promise<boolean> {
  for (const actor of actors) {
    if ((await organizationOf(repo, actor.reference)) === recipient) return true;
  }
  return false;
}

/**
 * Why `consent` does not allow sharing this referral, or undefined when it does (handreiking §9: no sharing without
 * consent; the consent must be the resident's, in force, a permit, and for the organisation that receives it).
 * Every actor in `provision.actor` is a recipient (the profile fixes their role to IRCP); `Consent.organization` is
 * the custodian that recorded it, never a recipient. Without a recipient yet (a ServiceRequest before its Task),
 * the actor check waits for the Task.
 */
export async function consentMisfit(repo: Repository, consent: Consent, parties: ReferralParties, organizationOf: OrganizationOf, now = new Date()): Promise<ConsentMisfit | undefined> {
  if (consent.status !== 'active') return { reason: `its status is ${consent.status}, not active`, expression: 'Consent.status' };
  if (!hasCoding(consent.scope?.coding, SCOPE)) return { reason: `its scope is not ${SCOPE.system}#${SCOPE.code}`, expression: 'Consent.scope' };
  if (!(consent.category ?? []).some((c) => hasCoding(c.coding, CATEGORY))) return { reason: `its category does not include ${CATEGORY.system}#${CATEGORY.code}`, expression: 'Consent.category' };
  const patient = referenceKey(consent.patient);
  const patientRef = patient?.type === 'Patient' ? `Patient/${patient.id}` : undefined;
  const other = parties.subjects.find((s) => s !== patientRef);
  if (patientRef === undefined || other !== undefined) {
    return { reason: `it is about ${consent.patient?.reference ?? 'no patient'}, not the referral's subject ${other ?? parties.subjects.join(', ')}`, expression: 'Consent.patient' };
  }
  if (consent.provision?.type !== 'permit') return { reason: `its provision.type is ${consent.provision?.type ?? 'missing'}, not permit`, expression: 'Consent.provision.type' };
  const period = consent.provision.period;
  if (period?.start !== undefined && !withinBound(period.start, 'start', now)) return { reason: `its provision.period starts on ${period.start}`, expression: 'Consent.provision.period.start' };
  if (period?.end !== undefined && !withinBound(period.end, 'end', now)) return { reason: `its provision.period ended on ${period.end}`, expression: 'Consent.provision.period.end' };
  const actors = (consent.provision.actor ?? []).filter((a) => a.reference?.reference !== undefined);
  if (parties.recipient !== undefined && actors.length > 0 && !(await namesRecipient(repo, actors, parties.recipient, organizationOf))) {
    return { reason: `its provision.actor does not name the receiving organisation Organization/${parties.recipient}`, expression: 'Consent.provision.actor' };
  }
  return undefined;
}
