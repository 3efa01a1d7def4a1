import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { loadFixture } from './fixtures/fixture.ts';
import { bsnFrom } from '../support/fictional-bsn.ts';

const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let serial = 0;
/** A BSN unique to this run that passes the elfproef. */
function freshBsn(): string {
  for (;;) {
    const bsn = bsnFrom(`99991${String(process.pid % 10)}${String(++serial).padStart(2, '0')}`);
    if (bsn) return bsn;
  }
}
const idOf = (location: string) => location.split('/')[1]!;

describeEachStore('batch Bundles', (t) => {
  const post = (bundle: unknown, headers: Record<string, string> = {}) =>
    t().app.inject({ method: 'POST', url: '/fhir', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON, ...headers } });
  const get = async (url: string): Promise<{ status: number; body: Json }> => {
    const res = await t().app.inject({ method: 'GET', url: `/fhir/${url}` });
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  };

  it('processes each entry on its own: failures are entry statuses with an outcome, the batch is 200', async () => {
    const bsn = freshBsn();
    const batchId = `batch-${bsn}`;
    const res = await post(loadFixture('batch-mixed', { '999911120': bsn, BATCH_ID: batchId }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.type).toBe('batch-response');
    expect(body.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '404 Not Found', '400 Bad Request', '201 Created', '400 Bad Request']);

    const missing = body.entry[1].response.outcome;
    expect(missing.resourceType).toBe('OperationOutcome');
    expect(missing.issue[0].expression).toContain('Bundle.entry[1]');
    const dependent = body.entry[2].response.outcome;
    expect(dependent.issue[0].details.coding[0].code).toBe('BRUG_FHIR_BATCH_INTERDEPENDENCY');
    expect(dependent.issue[0].expression).toContain('Bundle.entry[2].resource.subject.reference');
    expect(body.entry[4].response.outcome.issue[0].expression).toContain('Bundle.entry[4].request.url');

    // The failures did not undo the successes.
    const patient = (await get(`Patient/${idOf(body.entry[0].response.location)}`)).body;
    expect(patient.identifier[0].value).toBe(bsn);
    expect((await get(`Patient/${batchId}`)).status).toBe(200);
    expect((await get(`Observation?subject=Patient/${patient.id}`)).body.entry ?? []).toHaveLength(0);
  });

  it('GET entries return the read or search result as the entry resource', async () => {
    const bsn = freshBsn();
    const created = (await post({ resourceType: 'Bundle', type: 'batch', entry: [{ resource: { resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }] }, request: { method: 'POST', url: 'Patient' } }] })).json();
    const id = idOf(created.entry[0].response.location);
    const res = (await post({
      resourceType: 'Bundle', type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${id}` } },
        { request: { method: 'GET', url: `Patient?identifier=${BSN}|${bsn}` } },
        { request: { method: 'GET', url: `Patient/${id}`, ifNoneMatch: 'W/"1"' } },
      ],
    })).json();
    expect(res.entry[0].response.status).toBe('200 OK');
    expect(res.entry[0].response.etag).toBe('W/"1"');
    expect(res.entry[0].resource.id).toBe(id);
    expect(res.entry[0].fullUrl).toBe(`${t().baseUrl}/Patient/${id}`);
    expect(res.entry[1].resource.type).toBe('searchset');
    expect(res.entry[1].resource.entry.map((e: Json) => e.resource.id)).toEqual([id]);
    expect(res.entry[2].response.status).toBe('304 Not Modified');
    expect(res.entry[2].resource).toBeUndefined();
  });

  it('maps request.ifMatch onto the entry: a stale version fails only that entry with 412', async () => {
    const id = `ifmatch-${freshBsn()}`;
    const res = (await post({
      resourceType: 'Bundle', type: 'batch',
      entry: [
        { resource: { resourceType: 'Patient', id }, request: { method: 'PUT', url: `Patient/${id}` } },
        { resource: { resourceType: 'Patient', id, active: true }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"5"' } },
        { resource: { resourceType: 'Patient', id, active: false }, request: { method: 'PUT', url: `Patient/${id}`, ifMatch: 'W/"1"' } },
      ],
    })).json();
    expect(res.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '412 Precondition Failed', '200 OK']);
    expect(res.entry[2].response.etag).toBe('W/"2"');
  });

  it('resolves conditional references within an entry, and conditional creates per entry', async () => {
    const bsn = freshBsn();
    const patient = { resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }] };
    const ifNoneExist = `identifier=${BSN}|${bsn}`;
    const res = (await post({
      resourceType: 'Bundle', type: 'batch',
      entry: [
        { resource: patient, request: { method: 'POST', url: 'Patient', ifNoneExist } },
        { resource: patient, request: { method: 'POST', url: 'Patient', ifNoneExist } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: `Patient?identifier=${BSN}|${bsn}` } }, request: { method: 'POST', url: 'Observation' } },
      ],
    })).json();
    expect(res.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '200 OK', '201 Created']);
    const id = idOf(res.entry[0].response.location);
    expect(idOf(res.entry[1].response.location)).toBe(id);
    expect(res.entry[2].resource.subject.reference).toBe(`Patient/${id}`);
  });

  it('Prefer: return=minimal applies to every entry', async () => {
    const res = (await post({ resourceType: 'Bundle', type: 'batch', entry: [{ resource: { resourceType: 'Organization', name: 'Welzijn Oost' }, request: { method: 'POST', url: 'Organization' } }] }, { prefer: 'return=minimal' })).json();
    expect(res.entry[0].resource).toBeUndefined();
    expect(res.entry[0].response.location).toMatch(/^Organization\/.+\/_history\/1$/);
  });

  it('refuses a nested batch as that entry only', async () => {
    const res = (await post({
      resourceType: 'Bundle', type: 'batch',
      entry: [
        { resource: { resourceType: 'Bundle', type: 'batch' }, request: { method: 'POST', url: t().baseUrl } },
        { resource: { resourceType: 'Organization', name: 'Buurthuis' }, request: { method: 'POST', url: 'Organization' } },
      ],
    })).json();
    expect(res.entry[0].response.status).toBe('400 Bad Request');
    expect(res.entry[0].response.outcome.issue[0].details.coding[0].code).toBe('BRUG_FHIR_NESTED_BUNDLE');
    expect(res.entry[1].response.status).toBe('201 Created');
  });
});
