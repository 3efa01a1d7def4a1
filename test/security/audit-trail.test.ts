import type { AuditEvent, AuditEventAgent, AuditEventEntity, Bundle } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/security/index.ts';
import { describeEachStore, FHIR_JSON, type TestApp } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';
import { assertionFor, requestToken } from './oauth-requests.ts';

const CLIENT_ID_SYSTEM = 'https://brug.example.org/fhir/NamingSystem/client-id';
const UZI = 'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers';
const PROFESSIONAL = { system: UZI, value: '900012345' };

/** The demo clients as seeded, or registered here with organisations of our own when they are not (yet). */
async function ensureClient(app: FastifyInstance, clientId: string, role: Role, organizationId?: string): Promise<string | undefined> {
  const existing = await app.security.clients.get(clientId);
  if (existing) return existing.organization?.id;
  const organization = organizationId ? { id: organizationId, reference: `Organization/${organizationId}` } : undefined;
  const scopes = role === 'admin' ? 'system/*.cruds' : role === 'auditor' ? 'system/AuditEvent.rs' : 'system/*.cruds';
  await app.security.clients.save({ clientId, name: clientId, role, organization, scopes, jwks: { keys: [] }, active: true });
  return organizationId;
}

function decode(base64: string | undefined): string | undefined {
  return base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('utf8');
}

const clientAgent = (e: AuditEvent): AuditEventAgent | undefined => e.agent.find((a) => a.who?.identifier?.system === CLIENT_ID_SYSTEM);
const whats = (e: AuditEvent): string[] => (e.entity ?? []).flatMap((x) => (x.what?.reference ? [x.what.reference] : []));
const patientsOf = (e: AuditEvent): string[] => (e.entity ?? []).filter((x) => x.role?.code === '1').map((x) => x.what!.reference!);
const queryOf = (e: AuditEvent): string | undefined => decode((e.entity ?? []).find((x: AuditEventEntity) => x.query)?.query);

describeEachStore(
  'NEN 7513 audit trail',
  (current: () => TestApp) => {
    let app: FastifyInstance;
    let huisartsOrg: string;
    let welzijnOrg: string;
    const auth = async (clientId: string, practitioner?: typeof PROFESSIONAL) => ({ authorization: `Bearer ${await tokenFor(app, clientId, { practitioner })}` });

    async function call(clientId: string | undefined, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, practitioner?: typeof PROFESSIONAL) {
      const headers = { ...(clientId ? await auth(clientId, practitioner) : {}), ...(body === undefined ? {} : { 'content-type': FHIR_JSON }) };
      const res = await app.inject({ method, url: `/fhir/${url}`, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {} };
    }

    /** What an auditor finds: the AuditEvents of a search over HTTP. */
    async function audit(query: string): Promise<AuditEvent[]> {
      const res = await call('test-auditor', 'GET', `AuditEvent?${query}&_count=200`);
      expect(res.status).toBe(200);
      return ((res.body as unknown as Bundle).entry ?? []).map((e) => e.resource as AuditEvent);
    }

    async function create<T extends { resourceType: string }>(clientId: string, resource: T, practitioner?: typeof PROFESSIONAL): Promise<string> {
      const res = await call(clientId, 'POST', resource.resourceType, resource, practitioner);
      expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
      return res.body.id as string;
    }

    /** A referral of the practice to the welfare organisation: Patient, active Consent, ServiceRequest, Task. */
    async function referral(professional?: typeof PROFESSIONAL): Promise<{ patient: string; task: string }> {
      const patient = await create('demo-huisarts', { resourceType: 'Patient', name: [{ family: 'Audit' }] });
      const consent = await create('demo-huisarts', {
        resourceType: 'Consent',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
        patient: { reference: `Patient/${patient}` },
        organization: [{ reference: `Organization/${huisartsOrg}` }],
        provision: { type: 'permit', actor: [{ role: { text: 'ontvanger' }, reference: { reference: `Organization/${welzijnOrg}` } }] },
      });
      const request = await create('demo-huisarts', {
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        subject: { reference: `Patient/${patient}` },
        requester: { reference: `Organization/${huisartsOrg}` },
        supportingInfo: [{ reference: `Consent/${consent}` }],
      });
      const task = await create('demo-huisarts', {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        focus: { reference: `ServiceRequest/${request}` },
        for: { reference: `Patient/${patient}` },
        requester: { reference: `Organization/${huisartsOrg}` },
        owner: { reference: `Organization/${welzijnOrg}` },
      }, professional);
      return { patient, task };
    }

    /**
     * A moment just before this test's first event. The 1 ms back covers an event stamped in the same millisecond; the
     * 3 ms wait first keeps the previous test's last event (an auditor's search, answered a moment ago) before it.
     */
    const since = async () => {
      await new Promise((resolve) => setTimeout(resolve, 3));
      return encodeURIComponent(new Date(Date.now() - 1).toISOString());
    };

    beforeAll(async () => {
      app = current().app;
      huisartsOrg = (await ensureClient(app, 'demo-huisarts', 'first-line', 'audit-huisartsenpraktijk'))!;
      welzijnOrg = (await ensureClient(app, 'demo-welzijn', 'social-domain', 'audit-welzijn'))!;
      await ensureClient(app, 'demo-welzijn-2', 'social-domain', 'audit-welzijn-2');
      await ensureClient(app, 'demo-admin', 'admin');
      await ensureClient(app, 'test-auditor', 'auditor', 'audit-toezicht');
    });

    it('records a create with the client, the organisation, the professional, the resource version and the patient', async () => {
      // A referral Task (the workflow accepts no other), created with the acting professional named in the token.
      const { patient, task } = await referral(PROFESSIONAL);

      const events = await audit(`entity=Task/${task}`);
      expect(events).toHaveLength(1);
      const [event] = events as [AuditEvent];
      expect(event.type.code).toBe('rest');
      expect(event.subtype?.[0]).toMatchObject({ system: 'http://hl7.org/fhir/restful-interaction', code: 'create' });
      expect(event.action).toBe('C');
      expect(event.outcome).toBe('0');
      expect(clientAgent(event)).toMatchObject({ who: { identifier: { value: 'demo-huisarts' } }, requestor: true, network: { type: '2' } });
      expect(clientAgent(event)?.network?.address).toBeTruthy();
      expect(event.agent.map((a) => a.who?.reference).filter(Boolean)).toEqual([`Organization/${huisartsOrg}`]);
      expect(event.agent.find((a) => a.who?.identifier?.system === UZI)).toMatchObject({ who: { identifier: PROFESSIONAL }, requestor: true });
      expect(whats(event)).toEqual([`Task/${task}/_history/1`, `Patient/${patient}`]);
      expect(patientsOf(event)).toEqual([`Patient/${patient}`]);
      expect(event.source.observer.display).toBe('Brug');
      expect(event.recorded).toEqual(expect.any(String));
    });

    it('records reads with what was returned, and searches with the query and whose records they returned', async () => {
      const { patient, task } = await referral();
      expect((await call('demo-welzijn', 'GET', `Task/${task}`)).status).toBe(200);
      expect((await call('demo-welzijn', 'GET', `Task?_id=${task}`)).status).toBe(200);

      const reads = await audit(`entity=Task/${task}&subtype=read`);
      expect(reads).toHaveLength(1);
      expect(reads[0]!.action).toBe('R');
      expect(clientAgent(reads[0]!)?.who?.identifier?.value).toBe('demo-welzijn');
      expect(reads[0]!.agent.find((a) => a.who?.reference)?.who?.reference).toBe(`Organization/${welzijnOrg}`);
      expect(whats(reads[0]!)).toEqual([`Task/${task}/_history/1`, `Patient/${patient}`]);

      const searches = await audit(`patient=Patient/${patient}&subtype=search-type`);
      expect(searches).toHaveLength(1);
      expect(searches[0]!.action).toBe('E');
      expect(whats(searches[0]!)).toEqual([`Patient/${patient}`]);
      expect(queryOf(searches[0]!)).toBe(`Task?_id=${task}`);
      expect(searches[0]!.entity!.find((e) => e.query)?.role?.code).toBe('24');
    });

    it('records a request without a token, with outcome 4 and the reason', async () => {
      const from = await since();
      const marker = `no-token-${Date.now()}`;
      expect((await call(undefined, 'GET', `Patient/${marker}`)).status).toBe(401);
      const refused = (await audit(`outcome=4&date=ge${from}`)).filter((e) => queryOf(e)?.includes(marker));
      expect(refused).toHaveLength(1);
      expect(refused[0]!.outcomeDesc).toMatch(/access token/);
      expect(refused[0]!.action).toBe('R');
      expect(refused[0]!.agent[0]!.network?.address).toBeTruthy();
      expect(refused[0]!.agent[0]!.who).toBeUndefined();
    });

    it("records a read of another organisation's resource (404) with the resource and the reason", async () => {
      const { task } = await referral();
      expect((await call('demo-welzijn-2', 'GET', `Task/${task}`)).status).toBe(404);
      const events = await audit(`entity=Task/${task}&subtype=read`);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: '4', outcomeDesc: expect.stringContaining(task) });
      expect(clientAgent(events[0]!)?.who?.identifier?.value).toBe('demo-welzijn-2');
    });

    it('records a forbidden write (403) with the patient the body concerns, and writes nothing else', async () => {
      const { patient } = await referral();
      const from = await since();
      const refused = await call('demo-welzijn', 'POST', 'Task', {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        for: { reference: `Patient/${patient}` },
        requester: { reference: `Organization/${welzijnOrg}` },
        owner: { reference: `Organization/${welzijnOrg}` },
      });
      expect(refused.status).toBe(403);
      const events = await audit(`agent:identifier=${encodeURIComponent(`${CLIENT_ID_SYSTEM}|demo-welzijn`)}&date=ge${from}`);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'C', outcome: '4', subtype: [{ code: 'create' }] });
      expect(events[0]!.outcomeDesc).toBeTruthy();
      expect(events[0]!.outcomeDesc).not.toMatch(/\n\s+at /);
      expect(patientsOf(events[0]!)).toEqual([`Patient/${patient}`]);
    });

    it('leaves no entry events of a failed transaction, and records the transaction with its failure', async () => {
      const from = await since();
      const res = await call('demo-huisarts', 'POST', '', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: 'urn:uuid:0f3b2a52-6a43-4c4e-9a9e-3b8c3d0c0001', resource: { resourceType: 'Patient', name: [{ family: 'Rollback' }] }, request: { method: 'POST', url: 'Patient' } },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
        ],
      });
      expect(res.status).toBe(404);
      const events = await audit(`agent:identifier=${encodeURIComponent(`${CLIENT_ID_SYSTEM}|demo-huisarts`)}&date=ge${from}`);
      expect(events.map((e) => e.subtype?.[0]?.code)).toEqual(['transaction']);
      expect(events[0]).toMatchObject({ action: 'E', outcome: '4', outcomeDesc: expect.stringContaining('Bundle.entry[1]') });
    });

    it('records the entries of a successful transaction in it, and the transaction once', async () => {
      const from = await since();
      const res = await call('demo-huisarts', 'POST', '', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: { resourceType: 'Patient', name: [{ family: 'Committed' }] }, request: { method: 'POST', url: 'Patient' } }],
      });
      expect(res.status).toBe(200);
      const events = await audit(`agent:identifier=${encodeURIComponent(`${CLIENT_ID_SYSTEM}|demo-huisarts`)}&date=ge${from}`);
      expect(events.map((e) => e.subtype?.[0]?.code).sort()).toEqual(['create', 'transaction']);
    });

    it('records token requests, granted and refused', async () => {
      const from = await since();
      await app.security.audit.recordTokenRequest({ clientId: 'demo-huisarts', ip: '192.0.2.7', outcome: 'granted', scope: 'system/Task.rs', organization: { id: huisartsOrg, reference: `Organization/${huisartsOrg}` }, practitioner: PROFESSIONAL });
      await app.security.audit.recordTokenRequest({ clientId: 'unknown-client', ip: '192.0.2.8', outcome: 'refused', reason: 'client assertion signature does not verify' });
      const events = await audit(`type=${encodeURIComponent('http://dicom.nema.org/resources/ontology/DCM|110114')}&date=ge${from}&_sort=date`);
      expect(events.map((e) => [clientAgent(e)?.who?.identifier?.value, e.outcome, e.outcomeDesc])).toEqual([
        ['demo-huisarts', '0', undefined],
        ['unknown-client', '4', 'client assertion signature does not verify'],
      ]);
      expect(events[0]!.agent.map((a) => a.who?.reference ?? a.who?.identifier?.value)).toEqual(['demo-huisarts', `Organization/${huisartsOrg}`, PROFESSIONAL.value]);
      expect(clientAgent(events[1]!)?.network?.address).toBe('192.0.2.8');
    });

    it('records the token endpoint\'s answers: a granted token and a refused assertion', async () => {
      const from = await since();
      expect((await requestToken(app, await assertionFor(app, 'demo-welzijn'), 'system/Task.rs')).statusCode).toBe(200);
      expect((await requestToken(app, 'not-a-jwt', 'system/Task.rs')).statusCode).toBe(400);
      const events = await audit(`type=${encodeURIComponent('http://dicom.nema.org/resources/ontology/DCM|110114')}&date=ge${from}&_sort=date`);
      expect(events.map((e) => e.outcome)).toEqual(['0', '4']);
      expect(clientAgent(events[0]!)?.who?.identifier?.value).toBe('demo-welzijn');
      expect(events[0]!.agent.find((a) => a.who?.reference)?.who?.reference).toBe(`Organization/${welzijnOrg}`);
      expect(events[0]!.entity?.[0]?.detail?.[0]).toEqual({ type: 'scope', valueString: 'system/Task.rs' });
      expect(events[1]!.outcomeDesc).toMatch(/^invalid_client/);
      expect(events[1]!.agent[0]!.network?.address).toBeTruthy();
    });

    it('records a batch, each entry that succeeded, and each entry that failed', async () => {
      const { task } = await referral();
      const from = await since();
      const res = await call('demo-welzijn', 'POST', '', {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Task/${task}` } }, { request: { method: 'GET', url: 'Patient/not-there' } }],
      });
      expect(res.status).toBe(200);
      const events = await audit(`agent:identifier=${encodeURIComponent(`${CLIENT_ID_SYSTEM}|demo-welzijn`)}&date=ge${from}&_sort=date`);
      const summary = events.map((e) => [e.subtype?.[0]?.code, e.outcome, whats(e)[0]]).sort((a, b) => String(a).localeCompare(String(b)));
      expect(summary).toEqual([
        ['batch', '0', undefined],
        ['read', '0', `Task/${task}/_history/1`],
        ['read', '4', 'Patient/not-there'],
      ]);
    });

    it('lets an auditor find exactly the events of a patient, an organisation, a period and an entity', async () => {
      const from = await since();
      const patient = await create('demo-huisarts', { resourceType: 'Patient', name: [{ family: 'Search' }] });
      expect((await call('demo-huisarts', 'GET', `Patient/${patient}`)).status).toBe(200);
      expect((await call('demo-huisarts', 'GET', `Patient?_id=${patient}`)).status).toBe(200);
      const expected = ['create', 'read', 'search-type'];
      const subtypes = (events: AuditEvent[]) => events.map((e) => e.subtype?.[0]?.code).sort();

      expect(subtypes(await audit(`date=ge${from}`))).toEqual(expected);
      expect(subtypes(await audit(`patient=Patient/${patient}`))).toEqual(expected);
      expect(subtypes(await audit(`entity=Patient/${patient}`))).toEqual(expected);
      expect(subtypes(await audit(`agent=Organization/${huisartsOrg}&date=ge${from}`))).toEqual(expected);
      expect(subtypes(await audit(`agent=Organization/${huisartsOrg}&date=ge${from}&action=R`))).toEqual(['read']);
    });

    it('stores AuditEvents the base R4 validator accepts', async () => {
      const from = await since();
      await create('demo-huisarts', { resourceType: 'Patient', name: [{ family: 'Valid' }] }, PROFESSIONAL);
      await call(undefined, 'GET', 'Patient');
      await app.security.audit.recordTokenRequest({ clientId: 'demo-welzijn', ip: '192.0.2.9', outcome: 'granted', scope: 'system/Task.rs' });
      const events = await audit(`date=ge${from}`);
      expect(events.length).toBeGreaterThanOrEqual(3);
      for (const event of events) {
        const report = await app.conformance.validate(event);
        expect(report.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal')).toEqual([]);
      }
      // The same check refuses an event without its required agent.requestor.
      expect((await app.conformance.validate({ ...events[0], agent: [{ name: 'x' }] })).baseError).toBe(true);
    });

    it('refuses the audit trail to every role but the auditor', async () => {
      const [event] = await audit('_count=1');
      for (const clientId of ['demo-huisarts', 'demo-welzijn']) {
        expect((await call(clientId, 'GET', 'AuditEvent')).status).toBe(403);
        expect((await call(clientId, 'GET', `AuditEvent/${event!.id}`)).status).toBe(403);
      }
    });

    it('refuses to change or delete an AuditEvent through the API, even to an administrator', async () => {
      const [event] = await audit('_count=1');
      expect((await call('demo-admin', 'PUT', `AuditEvent/${event!.id}`, { ...event, outcome: '0' })).status).toBe(403);
      expect((await call('demo-admin', 'DELETE', `AuditEvent/${event!.id}`)).status).toBe(403);
      expect((await call('demo-admin', 'POST', 'AuditEvent', { ...event, id: undefined })).status).toBe(403);
      expect((await call('test-auditor', 'GET', `AuditEvent/${event!.id}`)).body).toEqual(event);
    });

    it('refuses to change or delete an AuditEvent in the database itself', async () => {
      const [event] = await audit('_count=1');
      const { db } = current().store;
      await expect(db.query("UPDATE audit_log SET outcome = '0' WHERE id = $1", [event!.id])).rejects.toThrow();
      await expect(db.query('DELETE FROM audit_log WHERE id = $1', [event!.id])).rejects.toThrow();
      expect((await call('test-auditor', 'GET', `AuditEvent/${event!.id}`)).body).toEqual(event);
    });
  },
  { security: true, env: { REQUIRE_PROFILES: 'false' } },
);
