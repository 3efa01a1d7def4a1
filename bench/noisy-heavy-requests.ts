/**
 * The heaviest requests the limits still allow (issue 15), as the misbehaving client of the noisy-neighbour
 * benchmark sends them. Each stays just inside one limit, so a server that enforces the limits must still serve
 * it: one that answers it with 5xx, or lets it starve everyone else, fails the promise. Bodies are built
 * once, so the benchmark process spends its CPU on sending, not on building.
 */
import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { Limits } from './noisy-limits.ts';

export interface HeavyRequest {
  /** Short name for the report. */
  readonly kind: string;
  readonly method: 'GET' | 'POST';
  /** Relative to the FHIR base, without a leading slash. */
  readonly path: string;
  readonly body?: string;
}

/** A small valid Patient, the most common resource a client may create in bulk. */
function smallPatient(n: number): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: 'https://brug.example.org/fhir/sid/bench-noisy', value: `heavy-${n}` }],
    name: [{ family: `Belasting${n}`, given: ['Zwaar'] }],
    gender: n % 2 === 0 ? 'female' : 'male',
    birthDate: `19${String(40 + (n % 60)).padStart(2, '0')}-0${1 + (n % 9)}-1${n % 10}`,
  };
}

/** A transaction Bundle of exactly MAX_BUNDLE_ENTRIES creates: all or nothing, in one database transaction. */
function fullTransaction(limits: Limits): HeavyRequest {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: Array.from({ length: limits.bundleEntries }, (_, n) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      resource: smallPatient(n),
      request: { method: 'POST', url: 'Patient' },
    })),
  };
  return { kind: `transaction of ${limits.bundleEntries}`, method: 'POST', path: '', body: JSON.stringify(bundle) };
}

/**
 * A Patient just under BODY_LIMIT_BYTES: MAX_CONTAINED contained Organizations, each one of its general
 * practitioners (contained resources must be referenced), and a generated narrative padded to the limit.
 */
function largestBody(limits: Limits): HeavyRequest {
  const contained = Array.from({ length: limits.contained }, (_, n) => ({ resourceType: 'Organization' as const, id: `org${n}`, name: `Praktijk ${n}` }));
  const patient: Patient = {
    ...smallPatient(0),
    contained,
    generalPractitioner: contained.map((c) => ({ reference: `#${c.id}` })),
    text: { status: 'generated', div: '' },
  };
  const paragraph = '<p>Een regel verhalende tekst die het verzoek groot maakt zonder het ongeldig te maken.</p>';
  const open = '<div xmlns="http://www.w3.org/1999/xhtml">';
  const frame = JSON.stringify({ ...patient, text: { status: 'generated', div: `${open}</div>` } }).length;
  // 1 kB to spare: the body must stay under the limit, not touch it.
  const room = limits.bodyBytes - frame - 1024;
  patient.text = { status: 'generated', div: `${open}${paragraph.repeat(Math.max(0, Math.floor(room / paragraph.length)))}</div>` };
  return { kind: 'body near the limit', method: 'POST', path: 'Patient', body: JSON.stringify(patient) };
}

/** Chain links from a Task, as deep as MAX_CHAIN_DEPTH allows; beyond the third each goes one organisation up. */
function chain(depth: number): string {
  const links = ['focus:ServiceRequest', 'requester:PractitionerRole', 'organization:Organization'];
  while (links.length < depth) links.push('partof:Organization');
  return `${links.slice(0, depth).join('.')}.name=Huisartsenpraktijk`;
}

const INCLUDES = [
  '_include=Task:focus',
  '_include=Task:patient',
  '_include=Task:owner',
  '_include=Task:requester',
  '_include=Task:based-on',
  '_include:iterate=ServiceRequest:subject',
  '_include:iterate=ServiceRequest:requester',
  '_include:iterate=ServiceRequest:supporting-info',
  '_include:iterate=PractitionerRole:organization',
  '_include:iterate=Consent:patient',
  '_include:iterate=Patient:general-practitioner',
  '_include:iterate=Consent:organization',
];

const SORT_KEYS = ['-_lastUpdated', 'status', '-authored-on', 'priority', 'modified', '_id', 'intent'];

/** The deepest legal search: the longest chain, every include (iterating), every sort key, the largest page. */
function deepestSearch(limits: Limits): HeavyRequest {
  const includes = Array.from({ length: limits.includes }, (_, i) => INCLUDES[i % INCLUDES.length]!);
  const sort = Array.from({ length: limits.sortKeys }, (_, i) => SORT_KEYS[i % SORT_KEYS.length]!).join(',');
  const query = [chain(limits.chainDepth), ...includes, `_sort=${sort}`, `_count=${limits.pageSize}`].join('&');
  return { kind: 'deepest search', method: 'GET', path: `Task?${query}` };
}

/** Reverse chains: Patients that have Tasks of an owner, the `_has` test repeated as often as a parameter may be. */
function hasSearch(limits: Limits, owner: string): HeavyRequest {
  const has = Array.from({ length: limits.parameterRepeats }, () => `_has:Task:patient:owner=Organization/${owner}`);
  return { kind: '_has search', method: 'GET', path: `Patient?${has.join('&')}&_sort=-_lastUpdated&_count=${limits.pageSize}` };
}

/** The heavy client's rotation; `owner` is the organisation whose referrals the searches meet. */
export function heavyRequests(limits: Limits, owner: string): HeavyRequest[] {
  return [fullTransaction(limits), largestBody(limits), deepestSearch(limits), hasSearch(limits, owner)];
}
