import { describeEachStore, ENGINE_ONLY, FHIR_JSON } from '../support/app.ts';
import { loadFixture } from './fixtures/fixture.ts';
import { bsnFrom } from '../support/fictional-bsn.ts';

const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A distinct fictional BSN-like number per test, so tests in one database do not see each other's patients. */
let serial = 0;
/** A BSN unique to this run that passes the elfproef. */
function freshBsn(): string {
  for (;;) {
    const bsn = bsnFrom(`99990${String(process.pid % 10)}${String(++serial).padStart(2, '0')}`);
    if (bsn) return bsn;
  }
}
const idOf = (location: string) => location.split('/')[1]!;

describeEachStore('transaction Bundles', (t) => {
  const post = (bundle: unknown, headers: Record<string, string> = {}) =>
    t().app.inject({ method: 'POST', url: '/fhir', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON, ...headers } });
  const get = async (url: string): Promise<{ status: number; body: Json }> => {
    const res = await t().app.inject({ method: 'GET', url: `/fhir/${url}` });
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  };
  const put = (url: string, body: unknown) =>
    t().app.inject({ method: 'PUT', url: `/fhir/${url}`, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });
  const patientsWithBsn = async (bsn: string) => (await get(`Patient?identifier=${encodeURIComponent(`${BSN}|${bsn}`)}`)).body.entry ?? [];
  const historyTotal = async () => (await get('_history?_count=1')).body.total as number;

  it('creates every entry, rewrites urn:uuid references to the new ids, and answers in the original order', async () => {
    const bsn = freshBsn();
    const res = await post(loadFixture('referral-transaction', { '999911120': bsn }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('transaction-response');
    expect(body.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created', '200 OK']);
    for (const e of body.entry.slice(0, 4)) {
      expect(e.response.location).toMatch(/^[A-Za-z]+\/[A-Za-z0-9\-.]+\/_history\/1$/);
      expect(e.response.etag).toBe('W/"1"');
      expect(e.response.lastModified).toBeDefined();
    }
    const [patient, practitioner, serviceRequest, task] = body.entry.slice(0, 4).map((e: Json) => idOf(e.response.location));
    expect(body.entry[0].response.location.startsWith('Patient/')).toBe(true);

    const sr = (await get(`ServiceRequest/${serviceRequest}`)).body;
    expect(sr.subject.reference).toBe(`Patient/${patient}`);
    expect(sr.requester.reference).toBe(`Practitioner/${practitioner}`);
    expect(sr.extension[0].valueReference.reference).toBe(`Patient/${patient}`);
    expect(sr.contained[0].subject.reference).toBe(`Patient/${patient}`);
    expect(sr.supportingInfo[0].reference).toBe('#loneliness');
    const taskBody = (await get(`Task/${task}`)).body;
    expect(taskBody.focus.reference).toBe(`ServiceRequest/${serviceRequest}`);
    expect(taskBody.for.reference).toBe(`Patient/${patient}`);
    // The GET entry runs last, inside the transaction, so it already sees the new patient.
    expect(body.entry[4].resource.type).toBe('searchset');
    expect(body.entry[4].resource.entry.map((e: Json) => e.resource.id)).toEqual([patient]);
  });

  it('a conditional create that matches reuses the existing patient, and references point at it', async () => {
    const bsn = freshBsn();
    const first = (await post(loadFixture('referral-transaction', { '999911120': bsn }))).json();
    const patient = idOf(first.entry[0].response.location);
    const second = await post(loadFixture('referral-transaction', { '999911120': bsn }));
    expect(second.statusCode).toBe(200);
    const entries = second.json().entry;
    expect(entries[0].response.status).toBe('200 OK');
    expect(idOf(entries[0].response.location)).toBe(patient);
    const sr = (await get(`ServiceRequest/${idOf(entries[2].response.location)}`)).body;
    expect(sr.subject.reference).toBe(`Patient/${patient}`);
    expect(await patientsWithBsn(bsn)).toHaveLength(1);
  });

  it('concurrent transactions with the same If-None-Exist create the patient once', async () => {
    const bsn = freshBsn();
    const results = await Promise.all([1, 2, 3].map(() => post(loadFixture('referral-transaction', { '999911120': bsn }))));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const patients = new Set(results.map((r) => idOf(r.json().entry[0].response.location)));
    expect(patients.size).toBe(1);
    expect(results.map((r) => r.json().entry[0].response.status).sort()).toEqual(['200 OK', '200 OK', '201 Created']);
    expect(await patientsWithBsn(bsn)).toHaveLength(1);
  });

  it('a failing last entry leaves nothing written: no new resources, no new versions, no history', async () => {
    const bsn = freshBsn();
    const existing = `tx-existing-${bsn}`;
    const other = `tx-other-${bsn}`;
    expect((await put(`Patient/${existing}`, { resourceType: 'Patient', id: existing, name: [{ family: 'Visser' }] })).statusCode).toBe(201);
    expect((await put(`Patient/${other}`, { resourceType: 'Patient', id: other, active: true })).statusCode).toBe(201);
    const before = await historyTotal();

    const res = await post(loadFixture('failing-transaction', { '999911120': bsn, EXISTING_ID: existing, OTHER_ID: other }));
    expect(res.statusCode).toBe(412);
    const outcome = res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].expression).toContain('Bundle.entry[3]');
    expect(outcome.issue[0].diagnostics).toContain('Bundle.entry[3]');

    expect(await patientsWithBsn(bsn)).toHaveLength(0);
    const kept = (await get(`Patient/${existing}`)).body;
    expect(kept.meta.versionId).toBe('1');
    expect(kept.active).toBeUndefined();
    expect((await get(`Patient/${existing}/_history`)).body.total).toBe(1);
    expect((await get(`Patient/${other}`)).body.meta.versionId).toBe('1');
    expect(await historyTotal()).toBe(before);
  });

  it('a failing read at the end rolls back every write before it', async () => {
    const bsn = freshBsn();
    const bundle = loadFixture('referral-transaction', { '999911120': bsn });
    (bundle.entry as Json[])[4] = { request: { method: 'GET', url: 'Patient/bestaat-niet' } };
    const before = await historyTotal();
    const res = await post(bundle);
    expect(res.statusCode).toBe(404);
    expect(res.json().issue[0].expression).toContain('Bundle.entry[4]');
    expect(await patientsWithBsn(bsn)).toHaveLength(0);
    expect(await historyTotal()).toBe(before);
  });

  it('resolves a conditional reference by search: one match is used, none is 404, several is 412', async () => {
    const bsn = freshBsn();
    const fixture = () => loadFixture('conditional-reference', { '999911120': bsn });
    expect((await post(fixture())).statusCode).toBe(404);
    const created = await t().app.inject({
      method: 'POST', url: '/fhir/Patient', headers: { 'content-type': FHIR_JSON },
      payload: JSON.stringify({ resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }] }),
    });
    const ok = await post(fixture());
    expect(ok.statusCode).toBe(200);
    const observation = (await get(`Observation/${idOf(ok.json().entry[0].response.location)}`)).body;
    expect(observation.subject.reference).toBe(`Patient/${created.json().id}`);

    await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }] }, request: { method: 'POST', url: 'Patient' } }] });
    const before = await historyTotal();
    const several = await post(fixture());
    expect(several.statusCode).toBe(412);
    expect(several.json().issue[0].expression).toContain('Bundle.entry[0].resource.subject.reference');
    expect(await historyTotal()).toBe(before);
  });

  it('refuses a urn:uuid reference that names no entry', async () => {
    const res = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [{ resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' } }, request: { method: 'POST', url: 'Observation' } }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].expression).toContain('Bundle.entry[0].resource.subject.reference');
  });

  it('processes DELETE, POST, PUT, then GET, but lists the responses in the original order', async () => {
    const bsn = freshBsn();
    const kept = `order-kept-${bsn}`;
    const gone = `order-gone-${bsn}`;
    await put(`Patient/${kept}`, { resourceType: 'Patient', id: kept });
    await put(`Patient/${gone}`, { resourceType: 'Patient', id: gone });
    const res = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { request: { method: 'GET', url: `Patient/${kept}` } },
        { resource: { resourceType: 'Patient', id: kept, active: true }, request: { method: 'PUT', url: `Patient/${kept}`, ifMatch: 'W/"1"' } },
        { request: { method: 'DELETE', url: `Patient/${gone}` } },
        { resource: { resourceType: 'Patient', active: false }, request: { method: 'POST', url: 'Patient' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const entries = res.json().entry;
    expect(entries.map((e: Json) => e.response.status)).toEqual(['200 OK', '200 OK', '204 No Content', '201 Created']);
    expect(entries[0].resource.meta.versionId).toBe('2');
    expect(entries[0].resource.active).toBe(true);
    expect((await get(`Patient/${gone}`)).status).toBe(410);
  });

  it('conditional update and delete in request.url; a urn fullUrl of a conditional update resolves to its id', async () => {
    const bsn = freshBsn();
    const url = `Patient?identifier=${BSN}|${bsn}`;
    const bundle = () => ({
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:6a1f0c2e-5d4b-4c3a-9e8f-7b6a5d4c3b01', resource: { resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }], active: true }, request: { method: 'PUT', url } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:6a1f0c2e-5d4b-4c3a-9e8f-7b6a5d4c3b01' } }, request: { method: 'POST', url: 'Observation' } },
      ],
    });
    const first = (await post(bundle())).json();
    expect(first.entry[0].response.status).toBe('201 Created');
    const patient = idOf(first.entry[0].response.location);
    const second = (await post(bundle())).json();
    expect(second.entry[0].response.status).toBe('200 OK');
    expect(second.entry[0].response.location).toBe(`Patient/${patient}/_history/2`);
    expect((await get(`Observation/${idOf(second.entry[1].response.location)}`)).body.subject.reference).toBe(`Patient/${patient}`);

    const deleted = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'DELETE', url } }] });
    expect(deleted.json().entry[0].response.status).toBe('204 No Content');
    expect((await get(`Patient/${patient}`)).status).toBe(410);
  });

  it('PATCH entries carry a JSON Patch in a Binary, or a FHIRPath Patch in Parameters', async () => {
    const id = `patch-${freshBsn()}`;
    await put(`Patient/${id}`, { resourceType: 'Patient', id, active: true });
    const data = Buffer.from(JSON.stringify([{ op: 'replace', path: '/active', value: false }])).toString('base64');
    const res = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [{ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data }, request: { method: 'PATCH', url: `Patient/${id}` } }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().entry[0].response.status).toBe('200 OK');
    expect((await get(`Patient/${id}`)).body.active).toBe(false);

    const operation = { name: 'operation', part: [{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'Patient.active' }, { name: 'value', valueBoolean: true }] };
    const fhirpath = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [{ resource: { resourceType: 'Parameters', parameter: [operation] }, request: { method: 'PATCH', url: `Patient/${id}`, ifMatch: 'W/"2"' } }],
    });
    expect(fhirpath.statusCode).toBe(200);
    expect(fhirpath.json().entry[0].response.etag).toBe('W/"3"');
    expect((await get(`Patient/${id}`)).body.active).toBe(true);

    const notAPatch = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient' }, request: { method: 'PATCH', url: `Patient/${id}` } }] });
    expect(notAPatch.statusCode).toBe(400);
    expect(notAPatch.json().issue[0].expression).toContain('Bundle.entry[0].resource');
  });

  it('Prefer: return=minimal leaves the resources out; the default returns them', async () => {
    const entry = [{ resource: { resourceType: 'Practitioner', name: [{ family: 'de Boer' }] }, request: { method: 'POST', url: 'Practitioner' } }];
    const minimal = (await post({ resourceType: 'Bundle', type: 'transaction', entry }, { prefer: 'return=minimal' })).json();
    expect(minimal.entry[0].resource).toBeUndefined();
    expect(minimal.entry[0].response.status).toBe('201 Created');
    expect(minimal.entry[0].fullUrl).toBe(`${t().baseUrl}/Practitioner/${idOf(minimal.entry[0].response.location)}`);
    const full = (await post({ resourceType: 'Bundle', type: 'transaction', entry })).json();
    expect(full.entry[0].resource.resourceType).toBe('Practitioner');
    expect(full.entry[0].resource.meta.versionId).toBe('1');
  });

  it('refuses malformed bundles with 400 and the element at fault', async () => {
    const expectRefused = async (bundle: unknown, expression: string) => {
      const res = await post(bundle);
      expect(res.statusCode).toBe(400);
      expect(res.json().issue[0].expression).toContain(expression);
    };
    const patient = { resourceType: 'Patient' };
    await expectRefused({ resourceType: 'Patient' }, 'Bundle');
    await expectRefused({ resourceType: 'Bundle', type: 'collection' }, 'Bundle.type');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient, request: { method: 'POST', url: 'Patient' } }, { resource: patient, request: { method: 'POST' } }] }, 'Bundle.entry[1].request.url');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient, request: { method: 'FETCH', url: 'Patient' } }] }, 'Bundle.entry[0].request.method');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient, request: { method: 'POST', url: 'Observation' } }] }, 'Bundle.entry[0].resource.resourceType');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'PUT', url: 'Patient/x' } }] }, 'Bundle.entry[0].resource');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Bundle', type: 'batch' }, request: { method: 'POST', url: '/' } }] }, 'Bundle.entry[0].request.url');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'https://elders.example.org/fhir/Patient/1' } }] }, 'Bundle.entry[0].request.url');
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'Patient/1' }, fullUrl: 'urn:uuid:1' }, { request: { method: 'GET', url: 'Patient/2' }, fullUrl: 'urn:uuid:1' }] }, 'Bundle.entry[1].fullUrl');
  });

  it('refuses two entries that change the same resource, before writing anything', async () => {
    const id = `overlap-${freshBsn()}`;
    const before = await historyTotal();
    const res = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient', id }, request: { method: 'PUT', url: `Patient/${id}` } },
        { request: { method: 'DELETE', url: `Patient/${id}` } },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].details.coding[0].code).toBe('BRUG_FHIR_BUNDLE_OVERLAP');
    expect(await historyTotal()).toBe(before);
  });

  it('accepts absolute request URLs on this server and fullUrls on this base', async () => {
    const res = await post({
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { fullUrl: `${t().baseUrl}/Patient/tijdelijk-1`, resource: { resourceType: 'Patient' }, request: { method: 'POST', url: `${t().baseUrl}/Patient` } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/tijdelijk-1' } }, request: { method: 'POST', url: 'Observation' } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const [patient, observation] = res.json().entry.map((e: Json) => idOf(e.response.location));
    expect(patient).not.toBe('tijdelijk-1');
    expect((await get(`Observation/${observation}`)).body.subject.reference).toBe(`Patient/${patient}`);
  });

  it('an empty transaction succeeds with an empty response', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'transaction' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response', entry: [] });
  });
}, ENGINE_ONLY);
