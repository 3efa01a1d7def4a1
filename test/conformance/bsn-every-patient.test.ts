/**
 * The BSN elfproef holds on every identifier with the BSN system, whatever profile the resource claims (issue 16):
 * a Patient with BSN 123456789 and no meta.profile was stored.
 */
import { describeEachStore, FHIR_JSON } from '../support/app.ts';

const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';
const patient = (identifier: { system: string; value?: string }[]) => ({ resourceType: 'Patient', name: [{ family: 'Jansen' }], identifier });

describeEachStore('BSN on every Patient', (t) => {
  const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
    t().app.inject({ method, url: `/fhir/${url}`, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });

  it.each(['123456789', '12345678', '1234567890', '000000000', '99991112X'])('a Patient without a profile with BSN %s is refused with 422 at the value', async (value) => {
    const res = await send('POST', 'Patient', patient([{ system: 'urn:oid:2.16.840.1.113883.2.4.6.3.1', value: 'x' }, { system: BSN, value }]));
    expect(res.statusCode).toBe(422);
    const issues = res.json().issue as { severity: string; expression?: string[]; diagnostics: string }[];
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', expression: ['Patient.identifier[1].value'] }));
    const found = await t().app.inject({ method: 'GET', url: `/fhir/Patient?identifier=${BSN}|${value}` });
    expect(found.json().total ?? found.json().entry?.length ?? 0).toBe(0);
  });

  it('a BSN that passes the elfproef is stored, with or without a profile', async () => {
    expect((await send('POST', 'Patient', patient([{ system: BSN, value: '999911120' }]))).statusCode).toBe(201);
    const profiled = { ...patient([{ system: BSN, value: '999990019' }]), meta: { profile: ['https://brug.example.org/fhir/StructureDefinition/brug-patient'] } };
    expect((await send('POST', 'Patient', profiled)).statusCode).toBe(201);
  });

  it('an update and a transaction entry are checked too, and so is another resource type carrying a BSN', async () => {
    const created = (await send('POST', 'Patient', patient([{ system: BSN, value: '999911120' }]))).json();
    const update = await send('PUT', `Patient/${created.id}`, { ...patient([{ system: BSN, value: '123456789' }]), id: created.id });
    expect(update.statusCode).toBe(422);
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient([{ system: BSN, value: '123456789' }]), request: { method: 'POST', url: 'Patient' } }] };
    const res = await send('POST', '', bundle);
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('Bundle.entry[0].resource.identifier[0].value');
    const person = await send('POST', 'Practitioner', { resourceType: 'Practitioner', identifier: [{ system: BSN, value: '123456789' }] });
    expect(person.statusCode).toBe(422);
    expect(JSON.stringify(person.json())).toContain('Practitioner.identifier[0].value');
  });

  it('$validate answers the same', async () => {
    const res = await send('POST', 'Patient/$validate', patient([{ system: BSN, value: '123456789' }]));
    expect(JSON.stringify(res.json())).toContain('Patient.identifier[0].value');
  });
});
