import type { Coding, Resource } from '@medplum/fhirtypes';
import { BrugExtensions, BrugIdentifierSystems } from '../../canonical-urls.ts';

/**
 * What stays of a resident's resources after an erasure (AVG art. 17): only the coded facts and pseudonymous ids
 * the GALA key figures, the access policy and the Task state machine read (src/monitoring/figure-queries.ts,
 * src/security/policy/read-scopes.ts), never a name, number, address line, date of birth or free text.
 */
export const ERASED_TAG: Coding = { system: BrugIdentifierSystems.erasure, code: 'erased', display: 'Erased at the resident\'s request (AVG art. 17)' };


/** Top-level elements kept per type; everything else (identifiers, notes, payloads, narrative, contact details) goes. */
const KEPT: Readonly<Record<string, readonly string[]>> = {
  // The gemeente code is the one thing the figures need of the resident (the referral's gemeente).
  Patient: [],
  // authoredOn, subject, requester, category and reasonCode are figures; status and supportingInfo the read rules.
  ServiceRequest: ['status', 'intent', 'category', 'code', 'subject', 'authoredOn', 'requester', 'performer', 'reasonCode', 'supportingInfo', 'basedOn'],
  // Who may read the referral rests on the Consent; no free text is kept, nor the resident as performer.
  Consent: ['status', 'scope', 'category', 'patient', 'organization', 'policyRule', 'provision'],
  // Which kind of feedback, when and with which coded outcome: the lead times and outcome figures. Never the payload.
  Communication: ['status', 'category', 'basedOn', 'partOf', 'subject', 'about', 'sent', 'received', 'sender', 'recipient'],
  // Status (and, in its history, whether it was ever accepted), owner and focus: the outcome and organisation figures.
  Task: ['status', 'intent', 'code', 'businessStatus', 'statusReason', 'focus', 'for', 'basedOn', 'partOf', 'authoredOn', 'lastModified', 'requester', 'owner', 'executionPeriod', 'output'],
};

export const ERASED_TYPES: readonly string[] = Object.keys(KEPT);

/**
 * Drops what carries words rather than codes: a Reference's display (it often names the resident), a
 * CodeableConcept's or Annotation's text, narrative, and every value[x] that is not a code, reference or date.
 */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  const isReference = 'reference' in value;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'text' || (isReference && (key === 'display' || key === 'identifier'))) continue;
    if (/^value(String|Markdown|Attachment|Annotation|Base64Binary|HumanName|Address|ContactPoint|Identifier)$/.test(key)) continue;
    out[key] = scrub(item);
  }
  return out;
}

function keptExtensions(extensions: unknown, url: string): unknown[] | undefined {
  if (!Array.isArray(extensions)) return undefined;
  const kept = extensions.filter((e) => (e as { url?: unknown }).url === url).map(scrub);
  return kept.length > 0 ? kept : undefined;
}

/** The gemeente of the resident's first address that has one, as the `gemeente` search parameter indexes it. */
function patientResidue(resource: Record<string, unknown>): Record<string, unknown> {
  const addresses = Array.isArray(resource.address) ? resource.address : [];
  for (const address of addresses) {
    const gemeente = keptExtensions((address as { extension?: unknown }).extension, BrugExtensions.gemeente);
    if (gemeente) return { address: [{ extension: gemeente }] };
  }
  return {};
}

/** The residue of one stored version of an erased resource, with its own version and update time. */
export function residueOf(resource: Resource): Resource {
  const source = resource as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = { resourceType: resource.resourceType, id: resource.id };
  const tags = (resource.meta?.tag ?? []).filter((t) => t.system !== BrugIdentifierSystems.erasure);
  kept.meta = { ...(resource.meta?.versionId ? { versionId: resource.meta.versionId } : {}), ...(resource.meta?.lastUpdated ? { lastUpdated: resource.meta.lastUpdated } : {}), tag: [...tags, ERASED_TAG] };
  for (const element of KEPT[resource.resourceType] ?? []) {
    if (source[element] !== undefined) kept[element] = scrub(source[element]);
  }
  if (resource.resourceType === 'Patient') Object.assign(kept, patientResidue(source));
  if (resource.resourceType === 'Communication') {
    const outcome = keptExtensions(source.extension, BrugExtensions.uitkomst);
    if (outcome) kept.extension = outcome;
  }
  // The resident's wish ends the sharing: no organisation reads a referral on this Consent any more.
  if (resource.resourceType === 'Consent') kept.status = 'inactive';
  return kept as unknown as Resource;
}

export function isErased(resource: Resource | undefined): boolean {
  return (resource?.meta?.tag ?? []).some((t) => t.system === BrugIdentifierSystems.erasure && t.code === ERASED_TAG.code);
}
