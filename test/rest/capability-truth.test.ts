/**
 * The CapabilityStatement tells the truth: every interaction it claims on a type is made once, as a client the
 * access policy allows, and must succeed; every search parameter it claims is searched with a well-formed value and
 * must not be refused. A claim without a call here fails the test, so a new claim needs a call that shows it works.
 */
import { readFileSync } from 'node:fs';
import type { CapabilityStatement, CapabilityStatementRestResource, Resource } from '@medplum/fhirtypes';
import { readPackageResources } from '../../src/conformance/package-resources.ts';
import { seedPackageResources } from '../../src/conformance/seed-package.ts';
import { describeEachStore } from '../support/app.ts';
import { bsnFrom } from '../support/fictional-bsn.ts';
import type { Caller, Reply } from '../support/referral-world.ts';
import { consentFor, feedback, patientWith, referralFor, taskFor } from '../support/referral-resources.ts';
import { seedReferrals, type World } from '../security/seed-referrals.ts';
import { subscription } from '../subscriptions/subscription-resources.ts';

const CANONICAL = 'https://brug.example.org/fhir';
const REFERRAL_TYPES = new Set(['Patient', 'ServiceRequest', 'Task', 'Consent', 'Communication']);
/** Deleted last, in this order, so nothing still rests on what is deleted. */
const DELETE_FIRST = ['Communication', 'Task', 'ServiceRequest', 'Consent', 'Patient'];

/** A copy of one of the package's conformance resources under a url of its own. */
function packageCopy(file: string, changes: Record<string, unknown> = {}): Resource {
  const resource = JSON.parse(readFileSync(`profiles/package/${file}.json`, 'utf8')) as Record<string, unknown>;
  delete resource.id;
  return { ...resource, url: `${String(resource.url)}-kopie-${crypto.randomUUID()}`, ...changes } as unknown as Resource;
}

/** A new resource of each type that its caller may create: made from the seeded referral world. */
function freshResource(type: string, world: World, created: Map<string, string>): Resource {
  const a = world.referral.A;
  const subject = { reference: `Patient/${a.Patient}` };
  switch (type) {
    case 'Patient':
      return patientWith(bsnFrom('99990123')!, world.org.P);
    case 'ServiceRequest':
      return referralFor(a.Patient, world.role.P, world.service.W, a.Consent);
    case 'Task':
      return taskFor(created.get('ServiceRequest') ?? a.ServiceRequest, a.Patient, world.role.P, world.org.W);
    case 'Consent':
      return consentFor(a.Patient, world.org.P, world.org.W);
    case 'Communication':
      return feedback({ ...a, Task: created.get('Task') ?? a.Task }, world.role.P, world.role.W);
    case 'Practitioner':
      return { resourceType: 'Practitioner', name: [{ family: 'Claim' }] };
    case 'PractitionerRole':
      return { resourceType: 'PractitionerRole', active: true };
    case 'Organization':
    case 'Location':
    case 'HealthcareService':
      return { resourceType: type, name: 'Claim' } as Resource;
    case 'QuestionnaireResponse':
      return { resourceType: 'QuestionnaireResponse', status: 'completed' };
    case 'Observation':
      return { resourceType: 'Observation', status: 'final', code: { text: 'claim' }, subject };
    case 'Goal':
      return { resourceType: 'Goal', lifecycleStatus: 'proposed', description: { text: 'claim' }, subject };
    case 'CarePlan':
      return { resourceType: 'CarePlan', status: 'draft', intent: 'plan', subject };
    case 'Subscription':
      return subscription('http://127.0.0.1:9/hook', { status: 'off' });
    case 'Measure':
      return { resourceType: 'Measure', status: 'draft', name: 'Claim' };
    case 'MeasureReport':
      return { resourceType: 'MeasureReport', status: 'complete', type: 'summary', measure: `${CANONICAL}/Measure/verwijzingen`, period: { start: '2026-01-01', end: '2026-03-31' } };
    case 'StructureDefinition':
      return packageCopy('StructureDefinition-brug-gemeente');
    case 'SearchParameter':
      return packageCopy('SearchParameter-brug-gemeente', { code: 'claim-gemeente' });
    case 'CodeSystem':
      return packageCopy('CodeSystem-brug-uitkomst');
    case 'ValueSet':
      return packageCopy('ValueSet-brug-uitkomst');
    case 'ConceptMap':
      return packageCopy('ConceptMap-brug-verwijsreden-levensgebied');
    case 'ImplementationGuide':
      return packageCopy('ImplementationGuide-brug-sociaalverwijzen');
    default:
      throw new Error(`no resource to create a ${type} with: add one here`);
  }
}

const STRICT = { prefer: 'handling=strict' };

/** A value of the parameter's type that any server taking the parameter must parse. */
const SEARCH_VALUES: Record<string, string> = {
  token: 'claim',
  string: 'claim',
  date: 'ge2026-01-01',
  number: '5',
  quantity: '5',
  uri: 'http://example.org/claim',
  reference: 'claim',
  special: '52.09|5.12|5|km',
};

describeEachStore(
  'CapabilityStatement: every claim holds',
  (t) => {
    let world: World;
    let statement: CapabilityStatement;
    const created = new Map<string, string>();
    const upserted = new Map<string, string>();
    const conditionallyDeleted = new Map<string, string>();
    const resources = () => statement.rest![0]!.resource!;
    const claims = (r: CapabilityStatementRestResource) => (r.interaction ?? []).map((i) => i.code);
    /** The practice writes the referral; the administrator everything else (the policy lets no one else write there). */
    const callerFor = (type: string): Caller => (REFERRAL_TYPES.has(type) ? world.callers['demo-huisarts'] : world.callers['demo-admin']);

    beforeAll(async () => {
      world = await seedReferrals(t().app);
      statement = (await t().app.inject({ method: 'GET', url: '/fhir/metadata' })).json();
    });

    async function current(caller: Caller, type: string, id: string): Promise<{ body: Resource & { meta: { versionId: string } } }> {
      const res = await caller.get(`${type}/${id}`);
      expect(res.status).toBe(200);
      return res;
    }

    /** The one call per interaction; delete is made in its own test, once nothing rests on what it deletes. */
    async function call(code: string, type: string, caller: Caller, id: string): Promise<Reply> {
      switch (code) {
        case 'create': {
          const res = await caller.request('POST', type, freshResource(type, world, created));
          if (res.status === 201) created.set(type, res.body.id as string);
          return res;
        }
        case 'read':
          return caller.get(`${type}/${id}`);
        case 'vread':
          return caller.get(`${type}/${id}/_history/${(await current(caller, type, id)).body.meta.versionId}`);
        case 'history-instance':
          return caller.get(`${type}/${id}/_history`);
        case 'history-type':
          return caller.get(`${type}/_history`);
        case 'search-type':
          return caller.get(type);
        case 'update': {
          const { body } = await current(caller, type, id);
          return caller.request('PUT', `${type}/${id}`, body, { 'if-match': `W/"${body.meta.versionId}"` });
        }
        case 'patch': {
          const { body } = await current(caller, type, id);
          // A patch that only tests is the smallest one every type takes: it changes nothing the rules could refuse.
          const patch = [{ op: 'test', path: '/resourceType', value: type }];
          return caller.request('PATCH', `${type}/${id}`, patch, { 'content-type': 'application/json-patch+json', 'if-match': `W/"${body.meta.versionId}"` });
        }
        default:
          throw new Error(`the statement claims ${code} on ${type}, and this test makes no call for it: add one`);
      }
    }

    it('claims no write of the audit trail, and no search parameter the server refuses', () => {
      const audit = resources().find((r) => r.type === 'AuditEvent')!;
      expect(claims(audit).filter((c) => ['create', 'update', 'patch', 'delete'].includes(c))).toEqual([]);
      const patient = resources().find((r) => r.type === 'Patient')!;
      expect(patient.searchParam!.map((p) => p.name).filter((n) => ['_text', '_content', '_query'].includes(n))).toEqual([]);
    });

    it('names the package profiles of each referral type', () => {
      const byType = new Map(resources().map((r) => [r.type, r]));
      for (const [type, profile] of [
        ['ServiceRequest', 'brug-verwijzing'],
        ['Consent', 'brug-toestemming'],
        ['Task', 'brug-verwijzingtaak'],
        ['Communication', 'brug-terugkoppeling'],
        ['Patient', 'brug-patient'],
        ['Organization', 'brug-organization'],
      ] as const) {
        expect(byType.get(type)?.supportedProfile).toContain(`${CANONICAL}/StructureDefinition/${profile}`);
      }
      expect(byType.get('Task')?.profile).toBe(`${CANONICAL}/StructureDefinition/brug-verwijzingtaak`);
    });

    it('makes every claimed interaction but delete work on every type', async () => {
      const failures: string[] = [];
      for (const resource of resources()) {
        const type = resource.type;
        const caller = callerFor(type);
        const codes = claims(resource).filter((c) => c !== 'delete');
        // Create first: the other calls work on what it made (or, without create, on a resource the server wrote).
        const ordered = [...codes.filter((c) => c === 'create'), ...codes.filter((c) => c !== 'create')];
        for (const code of ordered) {
          const id = created.get(type) ?? (type === 'AuditEvent' ? world.auditEvent : undefined);
          if (id === undefined && code !== 'create' && !code.endsWith('-type')) {
            failures.push(`${type} ${code}: nothing to call it on`);
            continue;
          }
          const res = await call(code, type, caller, id ?? '');
          if (res.status >= 300) failures.push(`${type} ${code} as ${caller.clientId}: ${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics ?? res.body)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('makes every claimed conditional form and update-as-create work', async () => {
      const failures: string[] = [];
      const fail = (what: string, res: Reply) => failures.push(`${what}: ${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics ?? '')}`);
      for (const resource of resources()) {
        const type = resource.type;
        const caller = callerFor(type);
        const id = created.get(type) ?? (type === 'AuditEvent' ? world.auditEvent : undefined);
        if (id === undefined) {
          failures.push(`${type}: nothing to call the conditional forms on`);
          continue;
        }
        if (resource.conditionalRead && resource.conditionalRead !== 'not-supported') {
          const { body } = await current(caller, type, id);
          const res = await caller.request('GET', `${type}/${id}`, undefined, { 'if-none-match': `W/"${body.meta.versionId}"` });
          if (res.status !== 304) fail(`${type} conditional read`, res);
        }
        if (resource.conditionalCreate) {
          // The match exists, so nothing is created: http.html#ccreate answers 200 with it.
          const res = await caller.request('POST', type, freshResource(type, world, created), { 'if-none-exist': `_id=${id}` });
          if (res.status !== 200) fail(`${type} conditional create`, res);
        }
        if (resource.conditionalUpdate) {
          const { body } = await current(caller, type, id);
          const res = await caller.request('PUT', `${type}?_id=${id}`, body, { 'if-match': `W/"${body.meta.versionId}"` });
          if (res.status !== 200) fail(`${type} conditional update`, res);
        }
        if (resource.updateCreate) {
          const upsertId = `claim-${type.toLowerCase()}`;
          const res = await caller.request('PUT', `${type}/${upsertId}`, { ...freshResource(type, world, created), id: upsertId });
          if (res.status === 201) upserted.set(type, upsertId);
          else fail(`${type} update as create`, res);
        }
        if (resource.conditionalDelete && resource.conditionalDelete !== 'not-supported') {
          // What it would delete is made here, so the unconditional delete below still has its own.
          const made = await caller.request('POST', type, freshResource(type, world, created));
          if (made.status !== 201) fail(`${type} create for conditional delete`, made);
          else conditionallyDeleted.set(type, made.body.id as string);
        }
      }
      expect(failures).toEqual([]);
    });

    it('makes every claimed operation work', async () => {
      const admin = world.callers['demo-admin'];
      const verwijsreden = `${CANONICAL}/CodeSystem/brug-verwijsreden`;
      const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
      const calls: Record<string, (type: string) => Promise<Reply>> = {
        validate: async (type) => {
          // No AuditEvent is made through the API: the one the server wrote is validated.
          const body = type === 'AuditEvent' ? (await admin.get(`AuditEvent/${world.auditEvent}`)).body : freshResource(type, world, created);
          return callerFor(type).request('POST', `${type}/$validate`, body);
        },
        expand: () => admin.get(`ValueSet/$expand?${q({ url: `${CANONICAL}/ValueSet/brug-verwijsreden` })}`),
        'validate-code': (type) =>
          type === 'ValueSet'
            ? admin.get(`ValueSet/$validate-code?${q({ url: `${CANONICAL}/ValueSet/brug-verwijsreden`, system: verwijsreden, code: 'vastlopen' })}`)
            : admin.get(`CodeSystem/$validate-code?${q({ url: verwijsreden, code: 'vastlopen' })}`),
        lookup: () => admin.get(`CodeSystem/$lookup?${q({ system: verwijsreden, code: 'vastlopen' })}`),
        subsumes: () => admin.get(`CodeSystem/$subsumes?${q({ system: verwijsreden, codeA: 'vastlopen', codeB: 'vastlopen' })}`),
        translate: () => admin.get(`ConceptMap/$translate?${q({ url: `${CANONICAL}/ConceptMap/brug-verwijsreden-levensgebied`, system: verwijsreden, code: 'vastlopen' })}`),
        // A municipality evaluates its own gemeente's figures.
        'evaluate-measure': () => world.callers['demo-gemeente'].get('Measure/verwijzingen/$evaluate-measure?periodStart=2026&periodEnd=2026'),
        // Erasure (AVG art. 17) on a resident made for it alone, so the other claims keep their data.
        erase: async () => {
          const made = await admin.request('POST', 'Patient', freshResource('Patient', world, created));
          return admin.request('POST', `Patient/${made.body.id as string}/$erase`, { resourceType: 'Parameters' });
        },
        status: () => admin.get(`Subscription/${created.get('Subscription')}/$status`),
        events: () => admin.get(`Subscription/${created.get('Subscription')}/$events`),
      };
      const failures: string[] = [];
      // No system-level operation is claimed today; one that is needs a call here.
      expect(statement.rest![0]!.operation ?? []).toEqual([]);
      for (const resource of resources()) {
        for (const { name } of resource.operation ?? []) {
          const call = calls[name];
          const res = call ? await call(resource.type) : undefined;
          if (!res || res.status !== 200) failures.push(`${resource.type} $${name}: ${res ? `${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics ?? '')}` : 'no call made for it here'}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('makes every claimed delete work', async () => {
      const types = resources()
        .filter((r) => claims(r).includes('delete'))
        .map((r) => r.type)
        .sort((x, y) => rank(x) - rank(y));
      const failures: string[] = [];
      for (const type of types) {
        const id = created.get(type);
        if (!id) {
          failures.push(`${type} delete: nothing was created to delete`);
          continue;
        }
        const caller = callerFor(type);
        const calls: [string, string][] = [['delete', `${type}/${id}`]];
        const also = upserted.get(type);
        if (also) calls.unshift(['delete of the update-as-create', `${type}/${also}`]);
        const conditional = conditionallyDeleted.get(type);
        if (conditional) calls.unshift(['conditional delete', `${type}?_id=${conditional}`]);
        for (const [what, url] of calls) {
          const res = await caller.request('DELETE', url);
          if (res.status >= 300) failures.push(`${type} ${what} as ${caller.clientId}: ${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics ?? res.body)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('answers a search on every claimed parameter of every type', async () => {
      const admin = world.callers['demo-admin'];
      const failures: string[] = [];
      for (const resource of resources()) {
        for (const param of resource.searchParam ?? []) {
          const value = SEARCH_VALUES[param.type];
          if (value === undefined) {
            failures.push(`${resource.type}?${param.name}: no value for type ${param.type}`);
            continue;
          }
          // Strict handling: under the default lenient one a parameter the server cannot use is ignored, not refused.
          const res = await admin.request('GET', `${resource.type}?${param.name}=${encodeURIComponent(value)}`, undefined, STRICT);
          if (res.status !== 200) failures.push(`${resource.type}?${param.name}=${value}: ${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics)}`);
        }
      }
      for (const param of statement.rest![0]!.searchParam ?? []) {
        const value = param.name === '_type' ? 'Patient' : SEARCH_VALUES[param.type];
        const res = await admin.request('GET', `?${param.name}=${encodeURIComponent(value ?? '')}`, undefined, STRICT);
        if (res.status !== 200) failures.push(`?${param.name}: ${res.status}`);
      }
      expect(failures).toEqual([]);
    });

    it('answers every claimed _include and _revinclude', async () => {
      const admin = world.callers['demo-admin'];
      const failures: string[] = [];
      for (const resource of resources()) {
        const asked = [...(resource.searchInclude ?? []).map((v) => ['_include', v]), ...(resource.searchRevInclude ?? []).map((v) => ['_revinclude', v])];
        for (const [name, value] of asked) {
          const res = await admin.request('GET', `${resource.type}?_count=1&${name}=${encodeURIComponent(value!)}`, undefined, STRICT);
          if (res.status !== 200) failures.push(`${resource.type}?${name}=${value}: ${res.status} ${JSON.stringify(res.body?.issue?.[0]?.diagnostics)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('makes every claimed system-level interaction work', async () => {
      const admin = world.callers['demo-admin'];
      const calls: Record<string, () => Promise<Reply>> = {
        transaction: () => admin.request('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: `Organization/${world.org.P}` } }] }),
        batch: () => admin.request('POST', '', { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Organization/${world.org.P}` } }] }),
        'search-system': () => admin.get('?_type=Organization'),
        'history-system': () => admin.get('_history?_count=1'),
      };
      const failures: string[] = [];
      for (const { code } of statement.rest![0]!.interaction ?? []) {
        const call = calls[code];
        const res = call ? await call() : undefined;
        if (!res || res.status !== 200) failures.push(`${code}: ${res ? res.status : 'no call made for it here'}`);
      }
      expect(failures).toEqual([]);
    });

    it('serves Brug’s own contract: the package’s conformance resources, readable by every role', async () => {
      const url = `${CANONICAL}/StructureDefinition/brug-verwijzing`;
      for (const client of ['demo-huisarts', 'demo-welzijn', 'demo-gemeente', 'test-auditor', 'demo-admin'] as const) {
        const res = await world.callers[client].get(`StructureDefinition?url=${encodeURIComponent(url)}`);
        expect(res.status).toBe(200);
        expect(res.body.entry?.map((e: { resource: { url: string } }) => e.resource.url)).toEqual([url]);
      }
      const admin = world.callers['demo-admin'];
      for (const [type, name] of [['ValueSet', 'brug-verwijsreden'], ['CodeSystem', 'brug-processtap'], ['ConceptMap', 'brug-verwijsreden-levensgebied'], ['SearchParameter', 'brug-gemeente']] as const) {
        const res = await admin.get(`${type}?url=${encodeURIComponent(`${CANONICAL}/${type}/${name}`)}`);
        expect(res.body.entry).toHaveLength(1);
      }
    });

    it('serves the package’s ImplementationGuide, which names every conformance resource the server serves from it', async () => {
      const res = await world.callers['demo-welzijn'].get(`ImplementationGuide?url=${encodeURIComponent(`${CANONICAL}/ImplementationGuide/brug-sociaalverwijzen`)}`);
      expect(res.status).toBe(200);
      const guide = res.body.entry[0].resource as { packageId: string; fhirVersion: string[]; definition: { resource: { reference: { reference: string } }[] } };
      expect(guide).toMatchObject({ packageId: 'brug.sociaalverwijzen.r4', fhirVersion: ['4.0.1'] });
      const named = guide.definition.resource.map((r) => r.reference.reference);
      const inPackage = readPackageResources('profiles/package').filter((r) => r.resourceType !== 'ImplementationGuide');
      expect(named.sort()).toEqual(inPackage.map((r) => `${r.resourceType}/${r.id}`).sort());
    });

    it('keeps the package’s copies the server’s: stored once, and changed by no client', async () => {
      expect(await seedPackageResources(t().app.fhirEngine, readPackageResources('profiles/package'))).toBe(0);
      const admin = world.callers['demo-admin'];
      const found = await admin.get(`StructureDefinition?url=${encodeURIComponent(`${CANONICAL}/StructureDefinition/brug-verwijzing`)}`);
      const stored = found.body.entry[0].resource as Resource & { id: string; meta: { versionId: string } };
      expect(stored.meta.versionId).toBe('1');
      const changed = await admin.request('PUT', `StructureDefinition/${stored.id}`, { ...stored, title: 'Anders' });
      expect(changed.status).toBe(403);
      expect(changed.body.issue[0].diagnostics).toMatch(/part of the server's FHIR package/);
      expect((await admin.request('DELETE', `StructureDefinition/${stored.id}`)).status).toBe(403);
      const { id: _id, meta: _meta, ...copy } = stored;
      expect((await admin.request('POST', 'StructureDefinition', copy)).status).toBe(403);
      expect((await admin.request('POST', 'StructureDefinition', { ...copy, version: '0.2.0' })).status).toBe(201);
      expect((await world.callers['demo-huisarts'].request('PUT', `StructureDefinition/${stored.id}`, stored)).status).toBe(403);
    });
  },
  { security: true },
);

function rank(type: string): number {
  const at = DELETE_FIRST.indexOf(type);
  return at === -1 ? DELETE_FIRST.length : at;
}
