/**
 * The GALA-monitor fixture (issue 8): referrals of residents of two municipalities (GM0344 Utrecht, GM0363 Amsterdam)
 * in the four quarters of 2026, placed and moved through the HTTP API by the clients that would do so, with known
 * dates, reasons, referrer roles, Task outcomes and feedback. The figures they should give are in gala-expected.ts,
 * worked out by hand from the table below.
 *
 * Shared with the dashboard's browser test: `await seedGalaFixture(testApp.app)` on an app from
 * `startTestApp(kind, { security: true })` (listening or not: it uses `app.inject`). Call it once per app.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Communication, Task } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/security/index.ts';
import { consentFor, ensureOrganization, feedback, patientWith, referralFor, taskFor } from '../support/referral-resources.ts';
import { Caller } from '../support/referral-world.ts';
import { nextBsn } from '../support/fictional-bsn.ts';
import { authHeader } from '../support/security.ts';

export { GALA_EXPECTED, type GalaExpected, type ExpectedGroup } from './gala-expected.ts';

export const GALA_GEMEENTEN = ['GM0344', 'GM0363'] as const;
export type GalaGemeente = (typeof GALA_GEMEENTEN)[number];
export const GALA_PERIODS = { '2026-Q1': ['2026-01-01', '2026-03-31'], '2026-Q2': ['2026-04-01', '2026-06-30'], '2026-Q3': ['2026-07-01', '2026-09-30'], '2026-Q4': ['2026-10-01', '2026-12-31'], '2026': ['2026-01-01', '2026-12-31'] } as const;
export type GalaPeriod = keyof typeof GALA_PERIODS;
/** A municipality client for GM0363 (demo-gemeente is GM0344), registered by the fixture. */
export const AMSTERDAM_CLIENT = 'gala-gemeente-0363';
export const POPULATION_CSV = path.join(__dirname, '../../examples/monitoring/inwoners-cbs.csv');

type Practice = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
type Welfare = 'W1' | 'W2' | 'W3' | 'W4' | 'W5';
type Fate = 'requested' | 'accepted' | 'in-progress' | 'completed' | 'rejected' | 'cancelled-open' | 'cancelled-after-accept';

export interface GalaReferral {
  readonly key: string;
  readonly gemeente: GalaGemeente;
  /** authoredOn, always 09:00 UTC, so every duration is a whole number of days. */
  readonly authored: string;
  readonly practice: Practice;
  readonly by: 'huisarts' | 'poh';
  readonly welfare: Welfare;
  /** Reason codes: ICPC-1-NL Z-codes, SNOMED CT or brug-verwijsreden; mapped to life domains by the ConceptMap. */
  readonly reasons: readonly string[];
  /** Life domains named directly in ServiceRequest.category. */
  readonly domains?: readonly string[];
  readonly fate: Fate;
  /** Days after authoredOn that the eerste-contact feedback is sent. */
  readonly contact?: number;
  /** Days after authoredOn that the evaluatie feedback is sent, and its outcome codes. */
  readonly evaluation?: { readonly days: number; readonly outcomes: readonly string[] };
  /** Days after authoredOn that an afsluiting feedback is sent (for a rejected referral), and its outcome codes. */
  readonly closing?: { readonly days: number; readonly outcomes: readonly string[] };
}

const U = 'GM0344';
const A = 'GM0363';
const done = (days: number, ...outcomes: string[]) => ({ days, outcomes });

/** The fixture. Huisarts = SNOMED 62247001, POH = 159002008. */
export const GALA_REFERRALS: readonly GalaReferral[] = [
  // Utrecht, Q1: 7
  { key: 'U01', gemeente: U, authored: '2026-01-12', practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['Z01', '267076002'], fate: 'completed', contact: 7, evaluation: done(60, 'verbonden-sociale-basis', 'geholpen') },
  { key: 'U02', gemeente: U, authored: '2026-01-20', practice: 'P1', by: 'poh', welfare: 'W1', reasons: ['Z15'], fate: 'completed', contact: 3, evaluation: done(45, 'verbonden-sociale-basis', 'deels-geholpen') },
  { key: 'U03', gemeente: U, authored: '2026-02-03', practice: 'P2', by: 'huisarts', welfare: 'W2', reasons: ['Z03'], fate: 'rejected', closing: done(2, 'terug-naar-verwijzer') },
  { key: 'U04', gemeente: U, authored: '2026-02-10', practice: 'P2', by: 'poh', welfare: 'W1', reasons: ['422650009'], fate: 'in-progress', contact: 10 },
  { key: 'U05', gemeente: U, authored: '2026-02-17', practice: 'P3', by: 'huisarts', welfare: 'W3', reasons: ['Z01'], fate: 'cancelled-after-accept' },
  { key: 'U06', gemeente: U, authored: '2026-03-02', practice: 'P1', by: 'poh', welfare: 'W2', reasons: ['zingevingsvragen'], fate: 'completed', contact: 5, evaluation: done(30, 'zelf-verder', 'geholpen') },
  { key: 'U07', gemeente: U, authored: '2026-03-16', practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['Z01', 'Z08'], domains: ['financien'], fate: 'accepted' },
  // Utrecht, Q2: 5
  { key: 'U08', gemeente: U, authored: '2026-04-07', practice: 'P4', by: 'huisarts', welfare: 'W4', reasons: ['Z04'], fate: 'completed', contact: 4, evaluation: done(40, 'verbonden-sociale-basis', 'geholpen') },
  { key: 'U09', gemeente: U, authored: '2026-04-14', practice: 'P1', by: 'poh', welfare: 'W1', reasons: ['73595000'], domains: ['leefstijl'], fate: 'completed', contact: 6, evaluation: done(50, 'verbonden-sociaal-domein', 'geholpen') },
  { key: 'U10', gemeente: U, authored: '2026-05-05', practice: 'P5', by: 'poh', welfare: 'W5', reasons: ['Z01'], fate: 'rejected' },
  { key: 'U11', gemeente: U, authored: '2026-05-19', practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['267076002'], fate: 'in-progress', contact: 12 },
  { key: 'U12', gemeente: U, authored: '2026-06-09', practice: 'P2', by: 'poh', welfare: 'W2', reasons: ['Z01', 'Z12'], fate: 'cancelled-open' },
  // Utrecht, Q3: 3
  { key: 'U13', gemeente: U, authored: '2026-07-06', practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['Z01'], fate: 'completed', contact: 8, evaluation: done(35, 'verbonden-sociale-basis', 'geholpen') },
  { key: 'U14', gemeente: U, authored: '2026-08-11', practice: 'P3', by: 'poh', welfare: 'W3', reasons: ['423315002'], fate: 'in-progress', contact: 14 },
  { key: 'U15', gemeente: U, authored: '2026-09-08', practice: 'P1', by: 'poh', welfare: 'W1', reasons: ['gebrek-dagstructuur'], fate: 'rejected', closing: done(1, 'geen-contact') },
  // Utrecht, Q4: 6
  { key: 'U16', gemeente: U, authored: '2026-10-05', practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['Z01'], fate: 'in-progress', contact: 2 },
  { key: 'U17', gemeente: U, authored: '2026-10-06', practice: 'P4', by: 'poh', welfare: 'W4', reasons: ['267076002'], fate: 'in-progress', contact: 9 },
  { key: 'U18', gemeente: U, authored: '2026-10-13', practice: 'P5', by: 'huisarts', welfare: 'W5', reasons: ['Z01', '422650009'], fate: 'accepted' },
  { key: 'U19', gemeente: U, authored: '2026-10-20', practice: 'P1', by: 'poh', welfare: 'W1', reasons: ['Z20'], fate: 'completed', contact: 3, evaluation: done(20, 'zelf-verder', 'deels-geholpen') },
  { key: 'U20', gemeente: U, authored: '2026-10-27', practice: 'P2', by: 'huisarts', welfare: 'W2', reasons: ['Z05'], fate: 'requested' },
  { key: 'U21', gemeente: U, authored: '2026-11-03', practice: 'P1', by: 'poh', welfare: 'W1', reasons: ['Z01'], fate: 'cancelled-after-accept' },
  // Amsterdam, Q1: 2
  { key: 'A01', gemeente: A, authored: '2026-01-15', practice: 'P3', by: 'huisarts', welfare: 'W3', reasons: ['Z01'], fate: 'completed', contact: 6, evaluation: done(40, 'verbonden-sociale-basis', 'geholpen') },
  { key: 'A02', gemeente: A, authored: '2026-03-03', practice: 'P4', by: 'poh', welfare: 'W4', reasons: ['Z15'], fate: 'rejected', closing: done(3, 'terug-naar-verwijzer') },
  // Amsterdam, Q2: 5
  { key: 'A03', gemeente: A, authored: '2026-04-02', practice: 'P3', by: 'huisarts', welfare: 'W3', reasons: ['267076002'], fate: 'completed', contact: 5, evaluation: done(30, 'verbonden-sociale-basis', 'geholpen') },
  { key: 'A04', gemeente: A, authored: '2026-04-21', practice: 'P3', by: 'poh', welfare: 'W3', reasons: ['Z01'], fate: 'in-progress', contact: 8 },
  { key: 'A05', gemeente: A, authored: '2026-05-12', practice: 'P4', by: 'huisarts', welfare: 'W4', reasons: ['Z03'], fate: 'completed', contact: 11, evaluation: done(44, 'zelf-verder', 'geholpen') },
  { key: 'A06', gemeente: A, authored: '2026-05-26', practice: 'P5', by: 'poh', welfare: 'W5', reasons: ['422650009'], fate: 'accepted' },
  { key: 'A07', gemeente: A, authored: '2026-06-16', practice: 'P3', by: 'huisarts', welfare: 'W3', reasons: ['Z01', 'zingevingsvragen'], fate: 'cancelled-open' },
  // Amsterdam, Q3: 1; Q4: none
  { key: 'A08', gemeente: A, authored: '2026-07-21', practice: 'P4', by: 'huisarts', welfare: 'W4', reasons: ['Z04'], fate: 'in-progress', contact: 4 },
];

const BRUG = 'https://brug.example.org/fhir';
const GEMEENTE_SYSTEM = `${BRUG}/CodeSystem/brug-gemeente`;
const STEP = `${BRUG}/CodeSystem/brug-processtap`;
const FEEDBACK = `${BRUG}/CodeSystem/brug-terugkoppeling-soort`;
const REASON = `${BRUG}/CodeSystem/brug-taak-statusreden`;
const ROLE_CODES = { huisarts: '62247001', poh: '159002008' } as const;
const GEMEENTE_NAMES: Record<GalaGemeente, string> = { GM0344: 'Utrecht', GM0363: 'Amsterdam' };

function reasonCoding(code: string): { system: string; code: string } {
  if (/^Z\d\d$/.test(code)) return { system: 'http://hl7.org/fhir/sid/icpc-1-nl', code };
  if (/^\d+$/.test(code)) return { system: 'http://snomed.info/sct', code };
  return { system: `${BRUG}/CodeSystem/brug-verwijsreden`, code };
}

const at = (date: string, days = 0): string => new Date(Date.parse(`${date}T09:00:00Z`) + days * 86_400_000).toISOString().replace('.000Z', 'Z');

interface Party {
  caller: Caller;
  org: string;
}
interface PracticeParty extends Party {
  roles: { huisarts: string; poh: string };
}
interface WelfareParty extends Party {
  role: string;
  service: string;
}

async function registerClient(app: FastifyInstance, clientId: string, role: Role, organization: string): Promise<void> {
  if (await app.security.clients.get(clientId)) return;
  await app.security.clients.save({ clientId, name: clientId, role, organization: { id: organization, reference: `Organization/${organization}` }, scopes: 'system/*.cruds', jwks: { keys: [] }, active: true });
}

async function clientOrganization(app: FastifyInstance, clientId: string): Promise<string> {
  const org = (await app.security.clients.get(clientId))?.organization?.id;
  if (!org) throw new Error(`${clientId} has no organisation`);
  return org;
}

async function practices(app: FastifyInstance, admin: Caller): Promise<Record<Practice, PracticeParty>> {
  const out = {} as Record<Practice, PracticeParty>;
  for (const [i, p] of (['P1', 'P2', 'P3', 'P4', 'P5'] as const).entries()) {
    const clientId = i === 0 ? 'demo-huisarts' : `gala-praktijk-${i + 1}`;
    if (i > 0) await registerClient(app, clientId, 'first-line', clientId);
    const org = await clientOrganization(app, clientId);
    await ensureOrganization(admin, org, `Huisartsenpraktijk GALA ${p}`);
    const caller = new Caller(app, clientId);
    const role = (code: string) => caller.create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org}` }, code: [{ coding: [{ system: 'http://snomed.info/sct', code }] }] });
    out[p] = { caller, org, roles: { huisarts: await role(ROLE_CODES.huisarts), poh: await role(ROLE_CODES.poh) } };
  }
  return out;
}

async function welfares(app: FastifyInstance, admin: Caller): Promise<Record<Welfare, WelfareParty>> {
  const out = {} as Record<Welfare, WelfareParty>;
  for (const [i, w] of (['W1', 'W2', 'W3', 'W4', 'W5'] as const).entries()) {
    const clientId = i === 0 ? 'demo-welzijn' : i === 1 ? 'demo-welzijn-2' : `gala-welzijn-${i + 1}`;
    if (i > 1) await registerClient(app, clientId, 'social-domain', clientId);
    const org = await clientOrganization(app, clientId);
    await ensureOrganization(admin, org, `Welzijn GALA ${w}`);
    const caller = new Caller(app, clientId);
    const role = await caller.create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org}` } });
    const service = await caller.create({ resourceType: 'HealthcareService', active: true, name: `Welzijnscoach ${w}`, providedBy: { reference: `Organization/${org}` } });
    out[w] = { caller, org, role, service };
  }
  return out;
}

function referralBundle(spec: GalaReferral, practice: PracticeParty, welfare: WelfareParty): Bundle {
  const patient = patientWith(nextBsn(), practice.org);
  const address = patient.address![0]!;
  address.extension = [{ url: `${BRUG}/StructureDefinition/brug-gemeente`, valueCoding: { system: GEMEENTE_SYSTEM, code: spec.gemeente, display: GEMEENTE_NAMES[spec.gemeente] } }];
  address.city = GEMEENTE_NAMES[spec.gemeente];
  address.district = GEMEENTE_NAMES[spec.gemeente];
  const consent = consentFor('urn:uuid:p', practice.org, welfare.org);
  const request = referralFor('urn:uuid:p', practice.roles[spec.by], welfare.service, 'urn:uuid:c');
  request.authoredOn = at(spec.authored);
  request.category = [request.category![0]!, ...(spec.domains ?? []).map((code) => ({ coding: [{ system: `${BRUG}/CodeSystem/brug-levensgebied`, code }] }))];
  request.reasonCode = spec.reasons.map((code) => ({ coding: [reasonCoding(code)] }));
  const task = taskFor('urn:uuid:s', 'urn:uuid:p', practice.roles[spec.by], welfare.org);
  const local = (resource: object) => JSON.parse(JSON.stringify(resource).split('"Patient/urn:uuid:p"').join('"urn:uuid:p"').split('"Consent/urn:uuid:c"').join('"urn:uuid:c"').split('"ServiceRequest/urn:uuid:s"').join('"urn:uuid:s"'));
  const entry = (id: string, resource: { resourceType: string }) => ({ fullUrl: `urn:uuid:${id}`, resource: local(resource), request: { method: 'POST', url: resource.resourceType } });
  return { resourceType: 'Bundle', type: 'transaction', entry: [entry('p', patient), entry('c', consent), entry('s', request), entry('t', task)] as Bundle['entry'] };
}

interface Placed {
  Patient: string;
  Consent: string;
  ServiceRequest: string;
  Task: string;
}

async function sendFeedback(welfare: WelfareParty, practice: PracticeParty, spec: GalaReferral, ids: Placed, kind: string, days: number, outcomes: readonly string[] = []): Promise<string> {
  const communication: Communication = feedback(ids, welfare.role, practice.roles[spec.by]);
  communication.category = [{ coding: [{ system: FEEDBACK, code: kind }] }];
  communication.sent = at(spec.authored, days);
  delete communication.extension;
  if (outcomes.length) communication.extension = outcomes.map((code) => ({ url: `${BRUG}/StructureDefinition/brug-uitkomst`, valueCodeableConcept: { coding: [{ system: `${BRUG}/CodeSystem/brug-uitkomst`, code }] } }));
  return welfare.caller.create(communication);
}

async function move(caller: Caller, taskId: string, change: (task: Task) => Task): Promise<void> {
  const current = await caller.get(`Task/${taskId}`);
  if (current.status !== 200) throw new Error(`cannot read Task/${taskId}: ${current.status}`);
  const res = await caller.request('PUT', `Task/${taskId}`, change(current.body as Task), { 'if-match': `W/"${(current.body as Task).meta!.versionId}"` });
  if (res.status !== 200) throw new Error(`move of Task/${taskId} refused: ${res.status} ${JSON.stringify(res.body)}`);
}

const output = (kind: string, id: string) => ({ type: { coding: [{ system: FEEDBACK, code: kind }] }, valueReference: { reference: `Communication/${id}` } });
const reason = (code: string) => ({ coding: [{ system: REASON, code }] });

async function playOut(spec: GalaReferral, practice: PracticeParty, welfare: WelfareParty, ids: Placed): Promise<void> {
  const w = welfare.caller;
  const fate = spec.fate;
  if (fate === 'requested') return;
  if (fate === 'cancelled-open') return move(practice.caller, ids.Task, (t) => ({ ...t, status: 'cancelled', statusReason: reason('inwoner-ziet-af') }));
  if (fate === 'rejected') {
    await move(w, ids.Task, (t) => ({ ...t, status: 'rejected', statusReason: reason('geen-capaciteit') }));
    if (spec.closing) await sendFeedback(welfare, practice, spec, ids, 'afsluiting', spec.closing.days, spec.closing.outcomes);
    return;
  }
  await move(w, ids.Task, (t) => ({ ...t, status: 'accepted', businessStatus: { coding: [{ system: STEP, code: 'vraagverheldering-verbinding' }] } }));
  if (fate === 'accepted') return;
  if (fate === 'cancelled-after-accept') return move(practice.caller, ids.Task, (t) => ({ ...t, status: 'cancelled', statusReason: reason('inwoner-ziet-af') }));
  const contact = await sendFeedback(welfare, practice, spec, ids, 'eerste-contact', spec.contact!);
  await move(w, ids.Task, (t) => ({ ...t, status: 'in-progress', output: [output('eerste-contact', contact)] }));
  if (fate === 'in-progress') return;
  const evaluation = await sendFeedback(welfare, practice, spec, ids, 'evaluatie', spec.evaluation!.days, spec.evaluation!.outcomes);
  await move(w, ids.Task, (t) => ({ ...t, status: 'completed', businessStatus: { coding: [{ system: STEP, code: 'evaluatie-terugkoppeling' }] }, output: [...(t.output ?? []), output('evaluatie', evaluation)] }));
}

async function loadPopulation(app: FastifyInstance): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: '/monitoring/population', headers: { ...(await authHeader(app, 'demo-admin')), 'content-type': 'text/csv' }, payload: readFileSync(POPULATION_CSV, 'utf8') });
  if (res.statusCode !== 200) throw new Error(`population CSV refused: ${res.statusCode} ${res.body}`);
}

/**
 * Seeds the whole fixture into a started test app (security on): the GALA practices, welfare organisations, the
 * Amsterdam municipality (Organization with CBS code GM0363 and client `gala-gemeente-0363`), the population CSV of
 * examples/monitoring, and every referral of `referrals` (GALA_REFERRALS unless a suite adds its own) played out to
 * its fate. Call it once per app.
 */
export async function seedGalaFixture(app: FastifyInstance, referrals: readonly GalaReferral[] = GALA_REFERRALS): Promise<void> {
  const admin = new Caller(app, 'demo-admin');
  await registerClient(app, AMSTERDAM_CLIENT, 'municipality', AMSTERDAM_CLIENT);
  await ensureOrganization(admin, AMSTERDAM_CLIENT, 'Gemeente Amsterdam (GALA)', { identifier: [{ system: GEMEENTE_SYSTEM, value: 'GM0363' }] });
  await loadPopulation(app);
  const p = await practices(app, admin);
  const w = await welfares(app, admin);
  for (const spec of referrals) {
    const practice = p[spec.practice];
    const welfare = w[spec.welfare];
    const res = await practice.caller.request('POST', '', referralBundle(spec, practice, welfare));
    if (res.status !== 200) throw new Error(`referral ${spec.key} refused: ${res.status} ${JSON.stringify(res.body)}`);
    const [Patient, Consent, ServiceRequest, TaskId] = (res.body as Bundle).entry!.map((e) => e.response!.location!.split('/')[1]!);
    await playOut(spec, practice, welfare, { Patient: Patient!, Consent: Consent!, ServiceRequest: ServiceRequest!, Task: TaskId! });
  }
}
