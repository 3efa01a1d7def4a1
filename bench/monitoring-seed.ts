/**
 * Many referrals, fast: each referral's Patient, ServiceRequest, Task (with its version history) and feedback
 * Communications built as the API would store them, indexed by the server's own indexer, and written with one
 * multi-row INSERT per table per batch (unnest of arrays) instead of one statement per resource.
 */
import type { Communication, Patient, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { IndexRows, SqlExecutor } from '../src/store/index.ts';
import { normalizeString } from '../src/store/index.ts';

const BRUG = 'https://brug.example.org/fhir';
export const BENCH_GEMEENTEN = ['GM0344', 'GM0363'] as const;
const PRACTICES = 100;
const WELFARES = 30;
const REASONS: [string, string][] = [
  ['http://hl7.org/fhir/sid/icpc-1-nl', 'Z01'], ['http://hl7.org/fhir/sid/icpc-1-nl', 'Z03'], ['http://hl7.org/fhir/sid/icpc-1-nl', 'Z04'],
  ['http://hl7.org/fhir/sid/icpc-1-nl', 'Z15'], ['http://snomed.info/sct', '267076002'], ['http://snomed.info/sct', '73595000'],
  [`${BRUG}/CodeSystem/brug-verwijsreden`, 'zingevingsvragen'],
];
const OUTCOMES = ['verbonden-sociale-basis', 'verbonden-sociaal-domein', 'zelf-verder', 'geholpen', 'deels-geholpen'];
type Fate = 'requested' | 'accepted' | 'in-progress' | 'completed' | 'rejected' | 'cancelled';
const FATES: Fate[] = ['requested', 'accepted', 'in-progress', 'in-progress', 'completed', 'completed', 'completed', 'rejected', 'cancelled', 'in-progress'];
const PATH: Record<Fate, Task['status'][]> = {
  requested: ['requested'],
  accepted: ['requested', 'accepted'],
  'in-progress': ['requested', 'accepted', 'in-progress'],
  completed: ['requested', 'accepted', 'in-progress', 'completed'],
  rejected: ['requested', 'rejected'],
  cancelled: ['requested', 'accepted', 'cancelled'],
};

const ref = (reference: string) => ({ reference });
const day = (ms: number) => new Date(ms).toISOString();

/** The practices' PractitionerRoles and the welfare organisations the referrals point at. */
export function directory(): Resource[] {
  const out: Resource[] = [];
  for (let p = 0; p < PRACTICES; p++) {
    out.push({ resourceType: 'Organization', id: `bench-praktijk-${p}`, active: true, name: `Praktijk ${p}` });
    for (const [i, code] of ['62247001', '159002008'].entries()) {
      out.push({ resourceType: 'PractitionerRole', id: `bench-rol-${p}-${i}`, active: true, organization: ref(`Organization/bench-praktijk-${p}`), code: [{ coding: [{ system: 'http://snomed.info/sct', code }] }] });
    }
  }
  for (let w = 0; w < WELFARES; w++) out.push({ resourceType: 'Organization', id: `bench-welzijn-${w}`, active: true, name: `Welzijn ${w}` });
  return out;
}

function feedback(n: number, kind: string, sent: number, outcomes: string[]): Communication {
  return {
    resourceType: 'Communication',
    id: `bench-c-${kind}-${n}`,
    meta: { profile: [`${BRUG}/StructureDefinition/brug-terugkoppeling`] },
    ...(outcomes.length ? { extension: outcomes.map((code) => ({ url: `${BRUG}/StructureDefinition/brug-uitkomst`, valueCodeableConcept: { coding: [{ system: `${BRUG}/CodeSystem/brug-uitkomst`, code }] } })) } : {}),
    status: 'completed',
    category: [{ coding: [{ system: `${BRUG}/CodeSystem/brug-terugkoppeling-soort`, code: kind }] }],
    basedOn: [ref(`ServiceRequest/bench-sr-${n}`)],
    subject: ref(`Patient/bench-p-${n}`),
    about: [ref(`Task/bench-t-${n}`)],
    sent: day(sent),
    sender: ref(`Organization/bench-welzijn-${n % WELFARES}`),
    recipient: [ref(`PractitionerRole/bench-rol-${n % PRACTICES}-${n % 2}`)],
    payload: [{ contentString: 'Terugkoppeling aan de verwijzer.' }],
  };
}

/** The n-th referral: its resources, each as the list of versions the API would have written. */
export function referral(n: number, year: number): Resource[][] {
  const gemeente = BENCH_GEMEENTEN[n % 10 < 7 ? 0 : 1];
  const authored = Date.UTC(year, 0, 1, 8) + (n % 365) * 86_400_000 + (n % 480) * 60_000;
  // Independent of the gemeente (n % 10): every gemeente gets every fate.
  const fate = FATES[Math.floor(n / 10) % FATES.length]!;
  const patient: Patient = {
    resourceType: 'Patient', id: `bench-p-${n}`, meta: { profile: [`${BRUG}/StructureDefinition/brug-patient`] },
    identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: String(100_000_000 + n) }],
    address: [{ extension: [{ url: `${BRUG}/StructureDefinition/brug-gemeente`, valueCoding: { system: `${BRUG}/CodeSystem/brug-gemeente`, code: gemeente } }], use: 'home', city: gemeente }],
    name: [{ family: `Inwoner ${n}` }], birthDate: '1960-01-01',
  };
  const reasons = [REASONS[n % REASONS.length]!, ...(n % 3 === 0 ? [REASONS[(n + 3) % REASONS.length]!] : [])];
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest', id: `bench-sr-${n}`, meta: { profile: [`${BRUG}/StructureDefinition/brug-verwijzing`] },
    status: 'active', intent: 'order',
    category: [{ coding: [{ system: 'http://snomed.info/sct', code: '410606002' }] }, ...(n % 4 === 0 ? [{ coding: [{ system: `${BRUG}/CodeSystem/brug-levensgebied`, code: 'leefstijl' }] }] : [])],
    code: { coding: [{ system: `${BRUG}/CodeSystem/brug-verwijzing-soort`, code: 'brugfunctie' }] },
    subject: ref(`Patient/bench-p-${n}`), authoredOn: day(authored), requester: ref(`PractitionerRole/bench-rol-${n % PRACTICES}-${n % 2}`),
    reasonCode: reasons.map(([system, code]) => ({ coding: [{ system, code }] })), supportingInfo: [ref(`Consent/bench-consent-${n}`)],
  };
  const task = (status: Task['status']): Task => ({
    resourceType: 'Task', id: `bench-t-${n}`, meta: { profile: [`${BRUG}/StructureDefinition/brug-verwijzingtaak`] },
    status, intent: 'order', focus: ref(`ServiceRequest/bench-sr-${n}`), for: ref(`Patient/bench-p-${n}`), authoredOn: day(authored),
    requester: ref(`PractitionerRole/bench-rol-${n % PRACTICES}-${n % 2}`), owner: ref(`Organization/bench-welzijn-${n % WELFARES}`),
  });
  const resources: Resource[][] = [[patient], [request], PATH[fate].map(task)];
  if (fate === 'in-progress' || fate === 'completed') resources.push([feedback(n, 'eerste-contact', authored + (2 + (n % 19)) * 86_400_000, [])]);
  if (fate === 'completed') resources.push([feedback(n, 'evaluatie', authored + (25 + (n % 60)) * 86_400_000, [OUTCOMES[n % 3]!, OUTCOMES[3 + (n % 2)]!])]);
  if (fate === 'rejected' && n % 2 === 0) resources.push([feedback(n, 'afsluiting', authored + 3 * 86_400_000, ['geen-contact'])]);
  return resources;
}

type Indexer = (resource: Resource) => IndexRows;

/** Column arrays of one multi-row INSERT. */
class Rows {
  readonly columns: unknown[][];
  constructor(width: number) {
    this.columns = Array.from({ length: width }, () => []);
  }
  add(...values: unknown[]): void {
    values.forEach((v, i) => this.columns[i]!.push(v));
  }
}

const TABLES = {
  resources: { columns: 'resource_type, id, version_id, last_updated, deleted, content', casts: ['text', 'text', 'int4', 'timestamptz', 'bool', 'text'] },
  resource_history: { columns: 'resource_type, id, version_id, last_updated, method, content', casts: ['text', 'text', 'int4', 'timestamptz', 'text', 'text'] },
  sp_token: { columns: 'resource_type, id, param, system, code, text_norm', casts: ['text', 'text', 'text', 'text', 'text', 'text'] },
  sp_string: { columns: 'resource_type, id, param, value_norm, value', casts: ['text', 'text', 'text', 'text', 'text'] },
  sp_reference: { columns: 'resource_type, id, param, target_type, target_id, target_version, url, identifier_system, identifier_value', casts: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'] },
  sp_date: { columns: 'resource_type, id, param, low, high', casts: ['text', 'text', 'text', 'timestamptz', 'timestamptz'] },
  sp_uri: { columns: 'resource_type, id, param, value', casts: ['text', 'text', 'text', 'text'] },
} as const;
type Table = keyof typeof TABLES;

/** Writes the given resources (each a list of versions, the last current) in one transaction. */
export async function writeResources(tx: SqlExecutor, indexer: Indexer, list: readonly Resource[][], lastUpdated: string): Promise<void> {
  const rows = Object.fromEntries(Object.entries(TABLES).map(([t, d]) => [t, new Rows(d.casts.length)])) as Record<Table, Rows>;
  for (const versions of list) {
    versions.forEach((v, i) => {
      const stored = { ...v, meta: { ...(v.meta ?? {}), versionId: String(i + 1), lastUpdated } } as Resource;
      const json = JSON.stringify(stored);
      rows.resource_history.add(v.resourceType, v.id, i + 1, lastUpdated, i === 0 ? 'POST' : 'PUT', json);
      if (i < versions.length - 1) return;
      rows.resources.add(v.resourceType, v.id, i + 1, lastUpdated, false, json);
      const index = indexer(stored);
      const key = [v.resourceType, v.id];
      for (const r of index.token) rows.sp_token.add(...key, r.param, r.system, r.code, r.text === null ? null : normalizeString(r.text));
      for (const r of index.string) rows.sp_string.add(...key, r.param, normalizeString(r.value), r.value);
      for (const r of index.reference) rows.sp_reference.add(...key, r.param, r.targetType, r.targetId, r.targetVersion, r.url, r.identifierSystem, r.identifierValue);
      for (const r of index.date) rows.sp_date.add(...key, r.param, r.low, r.high);
      for (const r of index.uri) rows.sp_uri.add(...key, r.param, r.value);
    });
  }
  for (const [table, def] of Object.entries(TABLES) as [Table, (typeof TABLES)[Table]][]) {
    const columns = rows[table].columns;
    if (columns[0]!.length === 0) continue;
    const arrays = def.casts.map((cast, i) => `$${i + 1}::${cast}[]`).join(', ');
    await tx.query(`INSERT INTO ${table} (${def.columns}) SELECT * FROM unnest(${arrays})`, columns);
  }
}
