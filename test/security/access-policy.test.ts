/**
 * The access policy's refusals and server-kept facts, beyond the matrix: what a refused write says and where, the
 * custodian tag, scopes narrower than the role, and history of what is deleted or out of sight.
 */
import type { Observation, Resource } from '@medplum/fhirtypes';
import { CUSTODIAN_SYSTEM } from '../../src/security/policy/index.ts';
import { describeEachStore } from '../support/app.ts';
import type { Caller, Reply } from '../support/referral-world.ts';
import { feedback, taskFor } from '../support/referral-resources.ts';
import { seedReferrals, type World } from './seed-referrals.ts';

function observation(world: World, tag?: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'Positieve gezondheid: meedoen' },
    subject: { reference: `Patient/${world.referral.A.Patient}` },
    ...(tag ? { meta: { tag: [{ system: CUSTODIAN_SYSTEM, code: tag }, { system: 'http://example.org/tags', code: 'kept' }] } } : {}),
  };
}

function refusal(res: Reply): { diagnostics: string; expression?: string[] } {
  expect(res.status).toBe(403);
  expect(res.body.resourceType).toBe('OperationOutcome');
  return res.body.issue[0];
}

function custodians(resource: Resource): string[] {
  return (resource.meta?.tag ?? []).filter((t) => t.system === CUSTODIAN_SYSTEM).map((t) => t.code!);
}

describeEachStore(
  'access policy',
  (t) => {
    let world: World;
    beforeAll(async () => {
      world = await seedReferrals(t().app);
    }, 60_000);
    const as = (client: keyof World['callers']): Caller => world.callers[client];

    describe('custodian', () => {
      test('is stamped on create whatever the client claims, and kept on update and patch', async () => {
        const practice = as('demo-huisarts');
        const created = await practice.request('POST', 'Observation', observation(world, world.org.W));
        expect(created.status).toBe(201);
        expect(custodians(created.body)).toEqual([world.org.P]);
        expect(created.body.meta.tag).toContainEqual({ system: 'http://example.org/tags', code: 'kept' });
        const id = created.body.id as string;
        const tagged = await practice.get(`Observation?_tag=${encodeURIComponent(`${CUSTODIAN_SYSTEM}|${world.org.P}`)}&_id=${id}`);
        expect(tagged.body.entry.map((e: { resource: Resource }) => e.resource.id)).toEqual([id]);

        const updated = await practice.request('PUT', `Observation/${id}`, { ...observation(world, world.org.W), id });
        expect(custodians(updated.body)).toEqual([world.org.P]);
        const patched = await practice.request('PATCH', `Observation/${id}`, [{ op: 'replace', path: '/meta/tag', value: [{ system: CUSTODIAN_SYSTEM, code: world.org.W }] }], {
          'content-type': 'application/json-patch+json',
        });
        expect(patched.status).toBe(200);
        expect(custodians(patched.body)).toEqual([world.org.P]);
        expect((await as('demo-welzijn').get(`Observation/${id}`)).status).toBe(404);
        expect((await as('demo-poh').get(`Observation/${id}`)).status).toBe(200);
      });

      test('makes a social-domain organisation\'s own records its own', async () => {
        const created = await as('demo-welzijn').request('POST', 'Observation', observation(world));
        expect(custodians(created.body)).toEqual([world.org.W]);
        expect((await as('demo-welzijn').get(`Observation/${created.body.id}`)).status).toBe(200);
        expect((await as('demo-huisarts').get(`Observation/${created.body.id}`)).status).toBe(404);
        expect((await as('demo-welzijn-2').get(`Observation/${created.body.id}`)).status).toBe(404);
      });
    });

    describe('refused writes say what is wrong and where', () => {
      test('a practice cannot place a Task in another organisation\'s name', async () => {
        const a = world.referral.A;
        const task = taskFor(a.ServiceRequest, a.Patient, world.role.W, world.org.W);
        const issue = refusal(await as('demo-huisarts').request('POST', 'Task', task));
        expect(issue.expression).toEqual(['Task.requester']);
        expect(issue.diagnostics).toContain(`PractitionerRole/${world.role.W} does not`);
      });

      test('a social-domain organisation cannot hand its Task to another organisation', async () => {
        const current = (await as('demo-welzijn').get(`Task/${world.referral.A.Task}`)).body;
        const issue = refusal(await as('demo-welzijn').request('PUT', `Task/${current.id}`, { ...current, owner: { reference: `Organization/${world.org.W2}` } }));
        expect(issue.expression).toEqual(['Task.owner']);
      });

      test('a social-domain organisation may not create a Task, not even by update', async () => {
        const a = world.referral.A;
        const task = { ...taskFor(a.ServiceRequest, a.Patient, world.role.P, world.org.W), id: 'welzijn-made-task' };
        expect(refusal(await as('demo-welzijn').request('PUT', 'Task/welzijn-made-task', task)).diagnostics).toMatch(/social-domain/);
      });

      test('feedback must come from the sender\'s own organisation and be about its own Tasks', async () => {
        const a = world.referral.A;
        const c = world.referral.C;
        expect(refusal(await as('demo-welzijn').request('POST', 'Communication', feedback(a, world.role.P, world.role.W))).expression).toEqual(['Communication.sender']);
        const aboutOther = { ...feedback(a, world.role.W, world.role.P), about: [{ reference: `Task/${c.Task}` }] };
        expect(refusal(await as('demo-welzijn').request('POST', 'Communication', aboutOther)).expression).toEqual(['Communication.about']);
      });

      test('directory entries name the writer\'s own organisation', async () => {
        const role = { resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${world.org.W}` } };
        expect(refusal(await as('demo-huisarts').request('POST', 'PractitionerRole', role)).expression).toEqual(['PractitionerRole.organization']);
        const service = (await as('demo-welzijn-2').get(`HealthcareService/${world.service.W}`)).body;
        const takeover = { ...service, providedBy: { reference: `Organization/${world.org.W2}` } };
        expect(refusal(await as('demo-welzijn-2').request('PUT', `HealthcareService/${service.id}`, takeover)).expression).toEqual(['HealthcareService.providedBy']);
      });
    });

    describe('scopes, roles and the audit trail', () => {
      test('a token limited to reading Patients may do only that, whatever the role allows', async () => {
        const app = t().app;
        const { tokenFor } = await import('../support/security.ts');
        const token = await tokenFor(app, 'demo-huisarts', { scope: 'system/Patient.rs' });
        const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
          app.inject({ method, url: `/fhir/${url}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, ...(body ? { payload: JSON.stringify(body) } : {}) });
        expect((await call('GET', `Patient/${world.referral.A.Patient}`)).statusCode).toBe(200);
        const write = await call('POST', 'Patient', { resourceType: 'Patient' });
        expect(write.statusCode).toBe(403);
        expect(JSON.parse(write.body).issue[0].diagnostics).toMatch(/no scope for create on Patient/);
        expect((await call('GET', 'Task')).statusCode).toBe(403);
        const system = JSON.parse((await call('GET', '?_type=Patient,Task&_count=500')).body);
        expect(system.entry.map((e: { resource: Resource }) => e.resource.resourceType).every((type: string) => type === 'Patient')).toBe(true);
        expect(system.entry.length).toBeGreaterThan(0);
      });

      test('a municipality reads no resident, only its own figures', async () => {
        const gemeente = as('demo-gemeente');
        expect(refusal(await gemeente.get('Patient')).diagnostics).toMatch(/role \(municipality\) does not allow search-type on Patient/);
        const report = (reporter: string) => ({
          resourceType: 'MeasureReport',
          status: 'complete',
          type: 'summary',
          measure: 'https://brug.example.org/fhir/Measure/verwijzingen',
          period: { start: '2026-01-01', end: '2026-03-31' },
          reporter: { reference: `Organization/${reporter}` },
        });
        const own = await as('demo-admin').create(report(world.org.G) as Resource);
        const other = await as('demo-admin').create(report(world.org.W) as Resource);
        expect((await gemeente.get(`MeasureReport/${own}`)).status).toBe(200);
        expect((await gemeente.get(`MeasureReport/${other}`)).status).toBe(404);
      });

      test('the audit trail is append-only, for an administrator too', async () => {
        const event = { resourceType: 'AuditEvent', type: { code: '110110' }, recorded: new Date().toISOString(), agent: [{ requestor: true }], source: { observer: { display: 'x' } } };
        expect(refusal(await as('demo-admin').request('POST', 'AuditEvent', event)).diagnostics).toMatch(/append-only/);
        expect(refusal(await as('test-auditor').request('DELETE', `AuditEvent/${world.auditEvent}`)).diagnostics).toMatch(/append-only/);
        expect((await as('test-auditor').get(`AuditEvent/${world.auditEvent}`)).status).toBe(200);
      });
    });

    describe('history', () => {
      test('a deleted resource leaves no trace for a scoped caller; an administrator still sees its history', async () => {
        const practice = as('demo-huisarts');
        const id = await practice.create(observation(world));
        expect((await practice.request('DELETE', `Observation/${id}`)).status).toBe(204);
        expect((await practice.get(`Observation/${id}/_history`)).status).toBe(404);
        expect((await as('demo-welzijn').get(`Observation/${id}/_history`)).status).toBe(404);
        // Not even an old version: the deletion leaves nothing to test the scope on.
        expect((await as('demo-welzijn').get(`Observation/${id}/_history/1`)).status).toBe(404);
        expect((await practice.get(`Observation/${id}`)).status).toBe(404);
        expect((await as('demo-admin').get(`Observation/${id}/_history/1`)).status).toBe(200);
        const listed = (await practice.get('Observation/_history?_count=500')).body.entry ?? [];
        expect(listed.map((e: { fullUrl: string }) => e.fullUrl.split('/').pop())).not.toContain(id);
        const admin = await as('demo-admin').get(`Observation/${id}/_history`);
        expect(admin.status).toBe(200);
        expect(admin.body.total).toBe(2);
      });
    });
  },
  { security: true },
);
