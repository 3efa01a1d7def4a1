/**
 * Issue 5, "Done when": every cell of organisation × role × resource type × interaction, over HTTP, on PostgreSQL.
 * The expected table is written out by hand from the issue's access policy; it is deliberately not computed from
 * src/security/policy, so a change to the policy has to be a change to this table too.
 */
import type { Resource } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { CLIENTS, type Caller, type ClientId } from '../support/referral-world.ts';
import { BSN, consentFor, feedback, patientWith, referralFor, setConsentStatus, taskFor } from '../support/referral-resources.ts';
import { BSN_OF, seedReferrals, type World } from './seed-referrals.ts';

type MatrixType = ['Patient', 'ServiceRequest', 'Task', 'Consent', 'Communication', 'Organization', 'HealthcareService', 'AuditEvent'][number];
const REFERRAL_TYPES = ['Patient', 'ServiceRequest', 'Task', 'Consent', 'Communication'] as const;
type ReferralType = (typeof REFERRAL_TYPES)[number];

/** One expectation per client, in the order of CLIENTS: huisarts, poh, welzijn, welzijn-2, gemeente, auditor, admin. */
type Row<T> = readonly [T, T, T, T, T, T, T];

// ---- read: GET [type]/[id] of referral A, B (consent withdrawn) and C (demo-welzijn-2's) ----
const READ: Record<ReferralType, Record<'A' | 'B' | 'C', Row<number>>> = {
  Patient: { A: [200, 200, 200, 404, 403, 403, 200], B: [200, 200, 404, 404, 403, 403, 200], C: [200, 200, 404, 200, 403, 403, 200] },
  ServiceRequest: { A: [200, 200, 200, 404, 403, 403, 200], B: [200, 200, 404, 404, 403, 403, 200], C: [200, 200, 404, 200, 403, 403, 200] },
  Task: { A: [200, 200, 200, 404, 403, 403, 200], B: [200, 200, 200, 404, 403, 403, 200], C: [200, 200, 404, 200, 403, 403, 200] },
  Consent: { A: [200, 200, 200, 404, 403, 403, 200], B: [200, 200, 404, 404, 403, 403, 200], C: [200, 200, 404, 200, 403, 403, 200] },
  // A: welzijn's feedback to the practice; B: the practice's message to welzijn after the consent was withdrawn;
  // C: welzijn-2's feedback to the practice.
  Communication: { A: [200, 200, 200, 404, 403, 403, 200], B: [200, 200, 404, 404, 403, 403, 200], C: [200, 200, 404, 200, 403, 403, 200] },
};
const READ_DIRECTORY: Record<'Organization' | 'HealthcareService' | 'AuditEvent', Row<number>> = {
  Organization: [200, 200, 200, 200, 200, 200, 200],
  HealthcareService: [200, 200, 200, 200, 200, 200, 200],
  AuditEvent: [403, 403, 403, 403, 403, 200, 200],
};

// ---- search: GET [type] → status, and which of the seeded resources come back ----
type Found = number | readonly string[];
const ABC = ['A', 'B', 'C'] as const;
const SEARCH: Record<MatrixType, Row<Found>> = {
  Patient: [ABC, ABC, ['A'], ['C'], 403, 403, ABC],
  ServiceRequest: [ABC, ABC, ['A'], ['C'], 403, 403, ABC],
  Task: [ABC, ABC, ['A', 'B'], ['C'], 403, 403, ABC],
  Consent: [ABC, ABC, ['A'], ['C'], 403, 403, ABC],
  Communication: [ABC, ABC, ['A'], ['C'], 403, 403, ABC],
  Organization: Array(7).fill(['P', 'W', 'W2', 'G', 'P2']) as unknown as Row<Found>,
  HealthcareService: Array(7).fill(['W', 'W2']) as unknown as Row<Found>,
  AuditEvent: [403, 403, 403, 403, 403, ['audit'], ['audit']],
};

// ---- history-type: GET [type]/_history → status, and how many versions of the seeded resources it lists ----
// Every seeded resource has one version, except Consent B (created, then withdrawn).
const HISTORY: Record<MatrixType, Row<number | { versions: number }>> = {
  Patient: [{ versions: 3 }, { versions: 3 }, { versions: 1 }, { versions: 1 }, 403, 403, { versions: 3 }],
  ServiceRequest: [{ versions: 3 }, { versions: 3 }, { versions: 1 }, { versions: 1 }, 403, 403, { versions: 3 }],
  // Withdrawing B's consent cancels B's Task: one more version.
  Task: [{ versions: 4 }, { versions: 4 }, { versions: 3 }, { versions: 1 }, 403, 403, { versions: 4 }],
  Consent: [{ versions: 4 }, { versions: 4 }, { versions: 1 }, { versions: 1 }, 403, 403, { versions: 4 }],
  Communication: [{ versions: 3 }, { versions: 3 }, { versions: 1 }, { versions: 1 }, 403, 403, { versions: 3 }],
  Organization: Array(7).fill({ versions: 5 }) as unknown as Row<{ versions: number }>,
  HealthcareService: Array(7).fill({ versions: 2 }) as unknown as Row<{ versions: number }>,
  AuditEvent: [403, 403, 403, 403, 403, { versions: 1 }, { versions: 1 }],
};

// ---- create: POST [type] with content that names the client's own organisation where the type asks for one ----
const CREATE: Record<MatrixType, Row<number>> = {
  Patient: [201, 201, 403, 403, 403, 403, 201],
  ServiceRequest: [201, 201, 403, 403, 403, 403, 201],
  Task: [201, 201, 403, 403, 403, 403, 201],
  Consent: [201, 201, 403, 403, 403, 403, 201],
  Communication: [201, 201, 201, 201, 403, 403, 201],
  Organization: [403, 403, 403, 403, 403, 403, 201],
  HealthcareService: [403, 403, 201, 201, 403, 403, 201],
  AuditEvent: [403, 403, 403, 403, 403, 403, 403],
};

// ---- update: PUT referral A's resource (Organization/HealthcareService: demo-welzijn's) back unchanged ----
const UPDATE: Record<MatrixType, Row<number>> = {
  Patient: [200, 200, 403, 403, 403, 403, 200],
  ServiceRequest: [200, 200, 403, 403, 403, 403, 200],
  Task: [200, 200, 200, 404, 403, 403, 200],
  Consent: [200, 200, 403, 403, 403, 403, 200],
  // Welzijn's feedback: the practice reads it but may not rewrite what another organisation sent.
  Communication: [403, 403, 200, 404, 403, 403, 200],
  Organization: [403, 403, 403, 403, 403, 403, 200],
  HealthcareService: [403, 403, 200, 403, 403, 403, 200],
  AuditEvent: [403, 403, 403, 403, 403, 403, 403],
};

// ---- delete: DELETE a fresh resource made for the cell (by the practice; HealthcareService by welzijn) ----
const DELETE: Record<MatrixType, Row<number>> = {
  Patient: [204, 204, 403, 403, 403, 403, 204],
  ServiceRequest: [204, 204, 403, 403, 403, 403, 204],
  Task: [204, 204, 403, 403, 403, 403, 204],
  Consent: [204, 204, 403, 403, 403, 403, 204],
  Communication: [204, 204, 403, 403, 403, 403, 204],
  Organization: [403, 403, 403, 403, 403, 403, 204],
  HealthcareService: [403, 403, 403, 403, 403, 403, 204],
  AuditEvent: [403, 403, 403, 403, 403, 403, 403],
};

function cells<T>(table: Record<string, Row<T>>): [string, ClientId, T][] {
  return Object.entries(table).flatMap(([type, row]) => CLIENTS.map((client, i) => [type, client, row[i]!] as [string, ClientId, T]));
}

/** The seeded resource a symbolic name in the tables stands for. */
function seededId(world: World, type: string, name: string): string {
  if (type === 'Organization') return world.org[name as keyof World['org']];
  if (type === 'HealthcareService') return world.service[name as keyof World['service']];
  if (type === 'AuditEvent') return world.auditEvent;
  return world.referral[name as 'A' | 'B' | 'C'][type as ReferralType];
}

function seededNames(type: string): readonly string[] {
  if (type === 'Organization') return ['P', 'W', 'W2', 'G', 'P2'];
  if (type === 'HealthcareService') return ['W', 'W2'];
  if (type === 'AuditEvent') return ['audit'];
  return ABC;
}

function idsIn(bundle: { entry?: { resource?: Resource; fullUrl?: string }[] }): string[] {
  return (bundle.entry ?? []).map((e) => e.resource?.id ?? e.fullUrl!.split('/').pop()!);
}

/** Content a client would send to create a resource of `type`: its own organisation where the type names one. */
function newResource(world: World, client: ClientId, type: MatrixType): Resource {
  const a = world.referral.A;
  const c = world.referral.C;
  const ownRole = client === 'demo-welzijn' ? world.role.W : client === 'demo-welzijn-2' ? world.role.W2 : world.role.P;
  switch (type) {
    case 'Patient':
      return patientWith('999990032', world.org.P);
    case 'ServiceRequest':
      return referralFor(a.Patient, ownRole, world.service.W, a.Consent);
    case 'Task':
      return taskFor(a.ServiceRequest, a.Patient, ownRole, world.org.W);
    case 'Consent':
      return consentFor(a.Patient, world.org.P, world.org.W);
    case 'Communication': {
      if (client === 'demo-welzijn-2') return feedback(c, world.role.W2, world.role.P);
      return feedback(a, ownRole, client === 'demo-welzijn' ? world.role.P : world.role.W);
    }
    case 'Organization':
      return { resourceType: 'Organization', name: `Nieuw ${client}` };
    case 'HealthcareService':
      return { resourceType: 'HealthcareService', name: 'Nieuw aanbod', providedBy: { reference: `Organization/${client === 'demo-welzijn-2' ? world.org.W2 : world.org.W}` } };
    case 'AuditEvent':
      return { resourceType: 'AuditEvent', type: { code: '110110' }, recorded: new Date().toISOString(), agent: [{ requestor: true }], source: { observer: { display: 'x' } } };
  }
}

/** A fresh resource for a delete cell, made by whoever may make it. */
async function deleteTarget(world: World, type: MatrixType): Promise<string> {
  if (type === 'AuditEvent') return world.auditEvent;
  const creator: Caller =
    type === 'Organization' ? world.callers['demo-admin'] : type === 'HealthcareService' ? world.callers['demo-welzijn'] : world.callers['demo-huisarts'];
  const client: ClientId = type === 'HealthcareService' ? 'demo-welzijn' : 'demo-huisarts';
  const resource = type === 'Communication' ? feedback(world.referral.A, world.role.P, world.role.W) : newResource(world, client, type);
  return creator.create(resource);
}

describeEachStore(
  'access matrix',
  (t) => {
    let world: World;
    beforeAll(async () => {
      world = await seedReferrals(t().app);
    }, 60_000);
    const as = (client: ClientId): Caller => world.callers[client];

    describe('read', () => {
      const referralCells = REFERRAL_TYPES.flatMap((type) =>
        (['A', 'B', 'C'] as const).flatMap((name) => CLIENTS.map((client, i) => [type, name, client, READ[type][name][i]!] as const)),
      );
      test.each(referralCells)('%s of referral %s read by %s → %i', async (type, name, client, status) => {
        const res = await as(client).get(`${type}/${world.referral[name][type]}`);
        expect(res.status).toBe(status);
        if (status === 200) expect(res.body.id).toBe(world.referral[name][type]);
        else expect(res.body.resourceType).toBe('OperationOutcome');
      });
      test.each(cells(READ_DIRECTORY))('%s read by %s → %i', async (type, client, status) => {
        const id = seededId(world, type, type === 'AuditEvent' ? 'audit' : 'W');
        const res = await as(client).get(`${type}/${id}`);
        expect(res.status).toBe(status);
      });
    });

    describe('search', () => {
      test.each(cells(SEARCH))('%s searched by %s → %j', async (type, client, expected) => {
        const res = await as(client).get(`${type}?_count=500`);
        if (typeof expected === 'number') {
          expect(res.status).toBe(expected);
          return;
        }
        expect(res.status).toBe(200);
        const found = idsIn(res.body);
        const seeded = seededNames(type).filter((name) => found.includes(seededId(world, type, name)));
        expect(seeded).toEqual(expected);
        // Referral data: nothing besides what the table names (no other organisation's resources either).
        if ((REFERRAL_TYPES as readonly string[]).includes(type)) expect(found).toHaveLength(expected.length);
      });
    });

    describe('history-type', () => {
      test.each(cells(HISTORY))('%s/_history by %s → %j', async (type, client, expected) => {
        const res = await as(client).get(`${type}/_history?_count=500`);
        if (typeof expected === 'number') {
          expect(res.status).toBe(expected);
          return;
        }
        expect(res.status).toBe(200);
        const ids = seededNames(type).map((name) => seededId(world, type, name));
        const versions = idsIn(res.body).filter((id) => ids.includes(id));
        expect(versions).toHaveLength(expected.versions);
        if ((REFERRAL_TYPES as readonly string[]).includes(type)) expect(res.body.total).toBe(expected.versions);
      });
    });

    describe('probing what one may not see', () => {
      test('another organisation gets 404, not 403, for what it may not read, the same answer as for what does not exist', async () => {
        const hidden = await as('demo-welzijn-2').get(`Patient/${world.referral.A.Patient}`);
        const missing = await as('demo-welzijn-2').get('Patient/does-not-exist');
        expect(hidden.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(hidden.body.issue[0].code).toBe(missing.body.issue[0].code);
        expect((await world.callers['test-praktijk-2'].get(`ServiceRequest/${world.referral.A.ServiceRequest}`)).status).toBe(404);
        expect((await as('demo-welzijn-2').get(`Task/${world.referral.A.Task}/_history/1`)).status).toBe(404);
        expect((await as('demo-welzijn-2').get(`Task/${world.referral.A.Task}/_history`)).status).toBe(404);
        expect((await as('demo-welzijn').get(`Task/${world.referral.B.Task}/_history`)).status).toBe(200);
      });

      test('_include and _revinclude never return a resource the caller may not read', async () => {
        const res = await as('demo-welzijn').get('Task?_include=Task:focus&_include=Task:patient&_revinclude=Communication:about');
        expect(res.status).toBe(200);
        const matches = res.body.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'match').map((e: { resource: Resource }) => e.resource.id);
        const included = res.body.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include').map((e: { resource: Resource }) => `${e.resource.resourceType}/${e.resource.id}`);
        const { A, B } = world.referral;
        expect(matches.sort()).toEqual([A.Task, B.Task].sort());
        expect(included.sort()).toEqual([`ServiceRequest/${A.ServiceRequest}`, `Patient/${A.Patient}`, `Communication/${A.Communication}`].sort());
        const owners = await as('demo-welzijn-2').get(`Organization?_id=${world.org.W}&_revinclude=Task:owner`);
        expect(idsIn(owners.body)).toEqual([world.org.W]);
      });

      test('_total=accurate counts only what the caller may see', async () => {
        expect((await as('demo-welzijn').get('Patient?_total=accurate&_count=0')).body.total).toBe(1);
        expect((await as('demo-welzijn').get('Task?_total=accurate&_count=1')).body.total).toBe(2);
        expect((await as('demo-welzijn-2').get('Task?_total=accurate')).body.total).toBe(1);
        expect((await as('demo-huisarts').get('Task?_total=accurate&_count=1')).body.total).toBe(3);
        expect((await as('demo-welzijn').get('?_type=Patient,Task,Consent&_total=accurate')).body.total).toBe(4);
        expect((await as('demo-gemeente').get('?_type=Patient,Task,Organization&_total=accurate&_count=500')).body.entry.every((e: { resource: Resource }) => e.resource.resourceType === 'Organization')).toBe(true);
      });

      test('chained and _has searches cannot probe resources the caller may not read', async () => {
        const welzijn2 = as('demo-welzijn-2');
        const welzijn = as('demo-welzijn');
        expect(idsIn((await welzijn2.get(`Task?patient.identifier=${BSN}|${BSN_OF.A}`)).body)).toEqual([]);
        expect(idsIn((await welzijn2.get(`Task?patient.identifier=${BSN}|${BSN_OF.C}`)).body)).toEqual([world.referral.C.Task]);
        // Task B is welzijn's to see, its patient and referral no longer are (the consent was withdrawn).
        expect(idsIn((await welzijn.get(`Task?patient.identifier=${BSN}|${BSN_OF.B}`)).body)).toEqual([]);
        expect(idsIn((await welzijn.get('Task?focus:ServiceRequest.supporting-info:Consent.status=inactive')).body)).toEqual([]);
        expect(idsIn((await as('demo-huisarts').get('Task?focus:ServiceRequest.supporting-info:Consent.status=inactive')).body)).toEqual([world.referral.B.Task]);
        // The practice's message about Task B is out of welzijn's sight, so it cannot be used to find Task B either.
        expect(idsIn((await welzijn.get('Task?_has:Communication:about:status=completed')).body)).toEqual([world.referral.A.Task]);
        expect(idsIn((await as('demo-gemeente').get('Organization?_has:Task:owner:status=requested')).body)).toEqual([]);
        expect(idsIn((await as('demo-admin').get('Organization?_has:Task:owner:status=requested')).body).sort()).toEqual([world.org.W, world.org.W2].sort());
      });

      test('system-level history lists only what the caller may see', async () => {
        const seen = idsIn((await as('demo-welzijn-2').get('_history?_count=1000')).body);
        for (const name of ['A', 'B'] as const) for (const type of REFERRAL_TYPES) expect(seen).not.toContain(world.referral[name][type]);
        expect(seen).toContain(world.referral.C.Task);
        const municipality = (await as('demo-gemeente').get('_history?_count=1000')).body;
        const types = new Set(municipality.entry.map((e: { fullUrl: string }) => e.fullUrl.split('/').slice(-2)[0]));
        for (const type of [...REFERRAL_TYPES, 'AuditEvent']) expect(types.has(type)).toBe(false);
      });
    });

    describe('create', () => {
      test.each(cells(CREATE))('%s created by %s → %i', async (type, client, status) => {
        const res = await as(client).request('POST', type, newResource(world, client, type as MatrixType));
        expect(res.status).toBe(status);
        if (status !== 201) expect(res.body.resourceType).toBe('OperationOutcome');
      });
    });

    describe('update', () => {
      test.each(cells(UPDATE))('%s updated by %s → %i', async (type, client, status) => {
        const id = type === 'Organization' ? world.org.W : type === 'HealthcareService' ? world.service.W : type === 'AuditEvent' ? world.auditEvent : world.referral.A[type as ReferralType];
        const current = await as('demo-admin').get(`${type}/${id}`);
        // Task updates need If-Match (the workflow's optimistic concurrency); sending it everywhere changes nothing else.
        const res = await as(client).request('PUT', `${type}/${id}`, current.body, { 'if-match': `W/"${String(current.body.meta?.versionId)}"` });
        expect(res.status).toBe(status);
        const after = await as('demo-admin').get(`${type}/${id}`);
        expect(after.body.meta.versionId).toBe(status === 200 ? String(Number(current.body.meta.versionId) + 1) : current.body.meta.versionId);
      });
    });

    describe('delete', () => {
      test.each(cells(DELETE))('%s deleted by %s → %i', async (type, client, status) => {
        const id = await deleteTarget(world, type as MatrixType);
        const res = await as(client).request('DELETE', `${type}/${id}`);
        expect(res.status).toBe(status);
        expect((await as('demo-admin').get(`${type}/${id}`)).status).toBe(status === 204 ? 410 : 200);
      });
    });

    describe('transactions and conditional requests', () => {
      test('a transaction with one entry the caller may not write is refused whole', async () => {
        const marker = '999990044';
        const bundle = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { fullUrl: 'urn:uuid:0b5a3c1e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', identifier: [{ system: BSN, value: marker }] }, request: { method: 'POST', url: 'Patient' } },
            { fullUrl: 'urn:uuid:0b5a3c1e-0000-4000-8000-000000000002', resource: { resourceType: 'Organization', name: 'Niet van mij' }, request: { method: 'POST', url: 'Organization' } },
          ],
        };
        const res = await as('demo-huisarts').request('POST', '', bundle);
        expect(res.status).toBe(403);
        expect(idsIn((await as('demo-admin').get(`Patient?identifier=${BSN}|${marker}`)).body)).toEqual([]);

        const task = (await as('demo-admin').get(`Task/${world.referral.A.Task}`)).body;
        const mixed = {
          resourceType: 'Bundle',
          type: 'transaction',
          entry: [
            { resource: task, request: { method: 'PUT', url: `Task/${task.id}` } },
            { fullUrl: 'urn:uuid:0b5a3c1e-0000-4000-8000-000000000003', resource: newResource(world, 'demo-huisarts', 'ServiceRequest'), request: { method: 'POST', url: 'ServiceRequest' } },
          ],
        };
        expect((await as('demo-welzijn').request('POST', '', mixed)).status).toBe(403);
        expect((await as('demo-admin').get(`Task/${task.id}`)).body.meta.versionId).toBe(task.meta.versionId);
      });

      test('conditional requests match only what the caller may see', async () => {
        const other = world.callers['test-praktijk-2'];
        const patientA = (await as('demo-admin').get(`Patient/${world.referral.A.Patient}`)).body;
        expect((await other.request('DELETE', `Patient?identifier=${BSN}|${BSN_OF.A}`)).status).toBe(204);
        const updated = await other.request('PUT', `Patient?identifier=${BSN}|${BSN_OF.A}`, { resourceType: 'Patient', identifier: [{ system: BSN, value: BSN_OF.A }] });
        expect(updated.status).toBe(201);
        expect(updated.body.id).not.toBe(patientA.id);
        expect((await as('demo-admin').get(`Patient/${patientA.id}`)).body.meta.versionId).toBe(patientA.meta.versionId);
        const created = await as('demo-welzijn-2').request('POST', 'Communication', feedback(world.referral.C, world.role.W2, world.role.P), {
          'if-none-exist': `_id=${world.referral.A.Communication}`,
        });
        expect(created.status).toBe(201);
        expect(created.body.id).not.toBe(world.referral.A.Communication);
      });
    });

    describe('withdrawing consent', () => {
      test('after the Consent of A is set inactive, demo-welzijn no longer reads its Patient, ServiceRequest or Consent, but still sees the Task', async () => {
        const welzijn = as('demo-welzijn');
        const a = world.referral.A;
        for (const type of ['Patient', 'ServiceRequest', 'Consent', 'Task'] as const) expect((await welzijn.get(`${type}/${a[type]}`)).status).toBe(200);
        await setConsentStatus(as('demo-huisarts'), a.Consent, 'inactive');
        expect((await welzijn.get(`Patient/${a.Patient}`)).status).toBe(404);
        expect((await welzijn.get(`ServiceRequest/${a.ServiceRequest}`)).status).toBe(404);
        expect((await welzijn.get(`Consent/${a.Consent}`)).status).toBe(404);
        expect((await welzijn.get(`Communication/${a.Communication}`)).status).toBe(404);
        expect((await welzijn.get(`Task/${a.Task}`)).status).toBe(200);
        expect(idsIn((await welzijn.get('Patient')).body)).toEqual([]);
        expect((await as('demo-huisarts').get(`Patient/${a.Patient}`)).status).toBe(200);
      });
    });
  },
  { security: true },
);
