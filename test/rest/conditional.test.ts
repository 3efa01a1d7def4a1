import { describeEachStore, FHIR_JSON } from '../support/app.ts';

const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';
const patient = (bsn: string) => ({ resourceType: 'Patient', identifier: [{ system: BSN, value: bsn }], name: [{ family: 'de Vries' }] });

describeEachStore('conditional create, update and delete', (t) => {
  const inject = (method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    t().app.inject({ method, url, ...(body ? { payload: JSON.stringify(body) } : {}), headers: { 'content-type': FHIR_JSON, ...headers } });

  it('If-None-Exist creates when nothing matches and returns the match otherwise', async () => {
    const condition = { 'if-none-exist': `identifier=${BSN}|999911120` };
    const first = await inject('POST', '/fhir/Patient', patient('999911120'), condition);
    expect(first.statusCode).toBe(201);
    const second = await inject('POST', '/fhir/Patient', patient('999911120'), condition);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    await inject('POST', '/fhir/Patient', patient('999911120'));
    const third = await inject('POST', '/fhir/Patient', patient('999911120'), condition);
    expect(third.statusCode).toBe(412);
  });

  it('conditional update creates, then updates the single match, and refuses several', async () => {
    const url = `/fhir/Patient?identifier=${encodeURIComponent(`${BSN}|999912549`)}`;
    const created = await inject('PUT', url, patient('999912549'));
    expect(created.statusCode).toBe(201);
    const updated = await inject('PUT', url, { ...patient('999912549'), gender: 'male' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().id).toBe(created.json().id);
    expect(updated.json().meta.versionId).toBe('2');
    await inject('POST', '/fhir/Patient', patient('999912549'));
    expect((await inject('PUT', url, patient('999912549'))).statusCode).toBe(412);
    expect((await inject('PUT', '/fhir/Patient', patient('999912549'))).statusCode).toBe(400);
  });

  it('conditional delete removes the single match; no match is a success; several is 412', async () => {
    const created = (await inject('POST', '/fhir/Patient', patient('999913268'))).json();
    const url = `/fhir/Patient?identifier=${encodeURIComponent(`${BSN}|999913268`)}`;
    expect((await inject('DELETE', url)).statusCode).toBe(204);
    expect((await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}` })).statusCode).toBe(410);
    expect((await inject('DELETE', url)).statusCode).toBe(204);
    await inject('POST', '/fhir/Patient', patient('999913268'));
    await inject('POST', '/fhir/Patient', patient('999913268'));
    expect((await inject('DELETE', url)).statusCode).toBe(412);
  });

  it('a condition with an unknown parameter is refused rather than matching everything', async () => {
    const res = await inject('POST', '/fhir/Patient', patient('999914054'), { 'if-none-exist': 'nonsense=1' });
    expect(res.statusCode).toBe(400);
  });
});
