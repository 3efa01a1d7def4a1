import { describeEachStore, FHIR_JSON } from '../support/app.ts';

describeEachStore('writes are checked against the base R4 definitions', (t) => {
  const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
    t().app.inject({ method, url, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });

  it('refuses a structurally invalid create with 400 and says where', async () => {
    const res = await send('POST', '/fhir/Patient', { resourceType: 'Patient', gender: 123, birthDate: 'yesterday' });
    expect(res.statusCode).toBe(400);
    const outcome = res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['Patient.gender', 'Patient.birthDate']);
    expect(outcome.issue[0].diagnostics).toMatch(/JSON string/);
  });

  it('refuses a missing required element and an unknown element on update, and stores nothing', async () => {
    const missing = await send('PUT', '/fhir/Task/t-invalid', { resourceType: 'Task', id: 't-invalid', status: 'requested' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issue[0]).toMatchObject({ code: 'required', expression: ['Task.intent'] });
    expect((await t().app.inject({ method: 'GET', url: '/fhir/Task/t-invalid' })).statusCode).toBe(404);
    const unknown = await send('POST', '/fhir/Organization', { resourceType: 'Organization', naam: 'Welzijn' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issue[0].expression).toEqual(['Organization.naam']);
  });

  it('checks the result of a JSON Patch too', async () => {
    const created = (await send('POST', '/fhir/Patient', { resourceType: 'Patient', active: true })).json();
    const res = await t().app.inject({
      method: 'PATCH',
      url: `/fhir/Patient/${created.id}`,
      payload: JSON.stringify([{ op: 'replace', path: '/active', value: 'yes' }]),
      headers: { 'content-type': 'application/json-patch+json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].expression).toEqual(['Patient.active']);
    expect((await t().app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}` })).json().meta.versionId).toBe('1');
  });

  it('accepts a valid resource with extensions, contained resources and narrative', async () => {
    const res = await send('POST', '/fhir/Patient', {
      resourceType: 'Patient',
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Anna Jansen</div>' },
      contained: [{ resourceType: 'Organization', id: 'gp', name: 'Huisartsenpraktijk De Linde' }],
      extension: [{ url: 'http://example.org/fhir/StructureDefinition/x', valueBoolean: true }],
      name: [{ family: 'Jansen', _family: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-name', valueString: 'Jansen' }] } }],
      generalPractitioner: [{ reference: '#gp' }],
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a broken invariant of the base definitions with 400 and the invariant key', async () => {
    const res = await send('POST', '/fhir/Patient', { resourceType: 'Patient', address: [{ city: 'Utrecht', period: { start: '2024-05-01', end: '2023-01-01' } }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0]).toMatchObject({ severity: 'error', code: 'invariant', expression: ['Patient.address[0].period'] });
    expect(res.json().issue[0].diagnostics).toMatch(/per-1/);
  });

  it('refuses a reference to a type the base definition does not allow', async () => {
    const res = await send('POST', '/fhir/Patient', { resourceType: 'Patient', generalPractitioner: [{ reference: 'Patient/other' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0]).toMatchObject({ expression: ['Patient.generalPractitioner[0]'] });
    expect(res.json().issue[0].diagnostics).toMatch(/points to a Patient.*Organization/);
  });

  it('refuses a code outside a required binding of the base definitions', async () => {
    const res = await send('POST', '/fhir/Patient', { resourceType: 'Patient', gender: 'vrouw' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0]).toMatchObject({ severity: 'error', code: 'code-invalid', expression: ['Patient.gender'] });
  });

  it('refuses a contained resource nobody refers to (dom-3) and a local reference to nothing (ref-1)', async () => {
    const orphan = await send('POST', '/fhir/Patient', { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o', name: 'X' }] });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().issue[0].diagnostics).toMatch(/dom-3/);
    const dangling = await send('POST', '/fhir/Patient', { resourceType: 'Patient', managingOrganization: { reference: '#nope' } });
    expect(dangling.statusCode).toBe(400);
    expect(dangling.json().issue[0]).toMatchObject({ expression: ['Patient.managingOrganization'] });
    expect(dangling.json().issue[0].diagnostics).toMatch(/ref-1/);
  });
});
