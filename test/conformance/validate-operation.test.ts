import { readFileSync } from 'node:fs';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';

const CANONICAL = 'https://brug.example.org/fhir';
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8').replaceAll('{{canonical}}', CANONICAL)) as Record<string, unknown>;
const BRUG_PATIENT = `${CANONICAL}/StructureDefinition/brug-patient`;

interface Issue {
  severity: string;
  code: string;
  diagnostics: string;
  expression?: string[];
}

const parameters = (...parameter: Record<string, unknown>[]) => ({ resourceType: 'Parameters', parameter });

describeEachStore('$validate', (t) => {
  const post = (url: string, body: unknown) => t().app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });
  const issues = (res: { json(): { issue: Issue[] } }) => res.json().issue;

  it('answers 200 with "All OK" for a valid resource posted as the body', async () => {
    const res = await post('/fhir/Patient/$validate', { resourceType: 'Patient', name: [{ family: 'Jansen' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().resourceType).toBe('OperationOutcome');
    expect(issues(res)[0]).toMatchObject({ severity: 'information', code: 'informational' });
  });

  it('answers 200 with every problem, base and profile, each with its FHIRPath location', async () => {
    const bad = { resourceType: 'Patient', meta: { profile: [BRUG_PATIENT] }, gender: 'vrouw', birthDate: '1980-02-30', identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '123' }] };
    const res = await post('/fhir/Patient/$validate', parameters({ name: 'resource', resource: bad }));
    expect(res.statusCode).toBe(200);
    const errors = issues(res).filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.expression?.[0])).toEqual(expect.arrayContaining(['Patient.birthDate', 'Patient.gender', 'Patient']));
    expect(errors.find((i) => i.expression?.[0] === 'Patient')?.diagnostics).toMatch(/brug-bsn-1/);
  });

  it('validates against the profile parameter, and refuses a profile it does not know', async () => {
    const karim = read('profiles/package/example/Patient-voorbeeld-patient-karim.json');
    delete karim.meta;
    const ok = await post('/fhir/Patient/$validate', parameters({ name: 'resource', resource: karim }, { name: 'profile', valueCanonical: BRUG_PATIENT }));
    expect(issues(ok).filter((i) => i.severity === 'error')).toEqual([]);
    const broken = { ...karim, identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999912540' }] };
    const bad = await post('/fhir/Patient/$validate?profile=' + encodeURIComponent(BRUG_PATIENT), broken);
    expect(issues(bad).some((i) => i.severity === 'error' && i.diagnostics.includes('brug-bsn-1'))).toBe(true);
    const unknown = await post('/fhir/Patient/$validate', parameters({ name: 'resource', resource: karim }, { name: 'profile', valueUri: 'http://example.org/none' }));
    expect(unknown.statusCode).toBe(400);
    expect(issues(unknown)[0]?.diagnostics).toMatch(/not known/);
  });

  it('mode=profile checks only the nominated profile, not the one the server requires', async () => {
    const task = read('profiles/test-cases/invalid/taak-vrije-tekst.json');
    delete task.meta;
    const asCreate = await post('/fhir/Task/$validate', parameters({ name: 'resource', resource: task }, { name: 'mode', valueCode: 'create' }));
    expect(issues(asCreate).some((i) => i.severity === 'error' && i.expression?.[0] === 'Task.description')).toBe(true);
    const asProfile = await post('/fhir/Task/$validate', parameters({ name: 'resource', resource: task }, { name: 'mode', valueCode: 'profile' }, { name: 'profile', valueCanonical: 'http://hl7.org/fhir/StructureDefinition/vitalsigns' }));
    expect(asProfile.statusCode).toBe(200);
    expect(issues(asProfile).some((i) => i.severity === 'error' && /constrains Observation/.test(i.diagnostics))).toBe(true);
  });

  it('at instance level: mode=update needs the same id, mode=delete needs a stored resource, no resource validates the stored one', async () => {
    const created = await t().app.inject({ method: 'PUT', url: '/fhir/Patient/val-1', payload: JSON.stringify({ resourceType: 'Patient', id: 'val-1', active: true }), headers: { 'content-type': FHIR_JSON } });
    expect(created.statusCode).toBe(201);
    const wrongId = await post('/fhir/Patient/val-1/$validate', parameters({ name: 'resource', resource: { resourceType: 'Patient', id: 'val-2' } }, { name: 'mode', valueCode: 'update' }));
    expect(issues(wrongId)[0]).toMatchObject({ severity: 'error', expression: ['Patient.id'] });
    const sameId = await post('/fhir/Patient/val-1/$validate', parameters({ name: 'resource', resource: { resourceType: 'Patient', id: 'val-1', active: false } }, { name: 'mode', valueCode: 'update' }));
    expect(issues(sameId).filter((i) => i.severity === 'error')).toEqual([]);
    const del = await post('/fhir/Patient/val-1/$validate', parameters({ name: 'mode', valueCode: 'delete' }));
    expect(issues(del)[0]).toMatchObject({ severity: 'information' });
    const delMissing = await post('/fhir/Patient/nobody/$validate', parameters({ name: 'mode', valueCode: 'delete' }));
    expect(issues(delMissing)[0]).toMatchObject({ severity: 'error', code: 'not-found' });
    const stored = await post('/fhir/Patient/val-1/$validate', parameters({ name: 'profile', valueCanonical: BRUG_PATIENT }));
    expect(stored.statusCode).toBe(200);
    expect(issues(stored).some((i) => i.severity === 'error')).toBe(true);
  });

  it('refuses requests it cannot act on with 400', async () => {
    expect((await post('/fhir/Patient/$validate', parameters({ name: 'mode', valueCode: 'update' }))).statusCode).toBe(400);
    expect((await post('/fhir/Patient/$validate', parameters({ name: 'resource', resource: { resourceType: 'Patient' } }, { name: 'mode', valueCode: 'bogus' }))).statusCode).toBe(400);
    expect((await post('/fhir/Patient/$validate', { resourceType: 'Organization', name: 'x' })).statusCode).toBe(400);
    expect((await post('/fhir/Patient/$validate', parameters())).statusCode).toBe(400);
  });

  it('is listed in the CapabilityStatement', async () => {
    const cs = (await t().app.inject({ method: 'GET', url: '/fhir/metadata' })).json();
    const ops = JSON.stringify(cs.rest[0]);
    expect(ops).toContain('http://hl7.org/fhir/OperationDefinition/Resource-validate');
  });
});
