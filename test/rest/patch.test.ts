import { describeEachStore, ENGINE_ONLY, FHIR_JSON } from '../support/app.ts';

const JSON_PATCH = 'application/json-patch+json';

describeEachStore('JSON Patch', (t) => {
  async function createTask(): Promise<{ id: string }> {
    const res = await t().app.inject({
      method: 'POST',
      url: '/fhir/Task',
      payload: JSON.stringify({ resourceType: 'Task', status: 'requested', intent: 'order' }),
      headers: { 'content-type': FHIR_JSON },
    });
    return res.json();
  }

  it('applies the operations and makes a new version', async () => {
    const task = await createTask();
    const res = await t().app.inject({
      method: 'PATCH',
      url: `/fhir/Task/${task.id}`,
      payload: JSON.stringify([{ op: 'replace', path: '/status', value: 'accepted' }, { op: 'add', path: '/businessStatus', value: { text: 'step 2' } }]),
      headers: { 'content-type': JSON_PATCH, 'if-match': 'W/"1"' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('accepted');
    expect(res.json().meta.versionId).toBe('2');
    expect(res.headers.etag).toBe('W/"2"');
  });

  it('a stale If-Match is 412', async () => {
    const task = await createTask();
    const patch = JSON.stringify([{ op: 'replace', path: '/status', value: 'accepted' }]);
    await t().app.inject({ method: 'PATCH', url: `/fhir/Task/${task.id}`, payload: patch, headers: { 'content-type': JSON_PATCH } });
    const stale = await t().app.inject({ method: 'PATCH', url: `/fhir/Task/${task.id}`, payload: patch, headers: { 'content-type': JSON_PATCH, 'if-match': 'W/"1"' } });
    expect(stale.statusCode).toBe(412);
  });

  it('a malformed patch is 400; one that cannot apply is 422; changing the id is refused', async () => {
    const task = await createTask();
    const url = `/fhir/Task/${task.id}`;
    const malformed = await t().app.inject({ method: 'PATCH', url, payload: JSON.stringify({ op: 'replace' }), headers: { 'content-type': JSON_PATCH } });
    expect(malformed.statusCode).toBe(400);
    const badOp = await t().app.inject({ method: 'PATCH', url, payload: JSON.stringify([{ op: 'jump', path: '/status' }]), headers: { 'content-type': JSON_PATCH } });
    expect(badOp.statusCode).toBe(400);
    const failing = await t().app.inject({ method: 'PATCH', url, payload: JSON.stringify([{ op: 'test', path: '/status', value: 'completed' }]), headers: { 'content-type': JSON_PATCH } });
    expect(failing.statusCode).toBe(422);
    const idChange = await t().app.inject({ method: 'PATCH', url, payload: JSON.stringify([{ op: 'replace', path: '/id', value: 'other' }]), headers: { 'content-type': JSON_PATCH } });
    expect(idChange.statusCode).toBe(422);
    expect(idChange.json().issue[0].expression).toEqual(['id']);
    const after = await t().app.inject({ method: 'GET', url });
    expect(after.json().meta.versionId).toBe('1');
  });

  it('patching a missing resource is 404', async () => {
    const res = await t().app.inject({ method: 'PATCH', url: '/fhir/Task/nope', payload: '[]', headers: { 'content-type': JSON_PATCH } });
    expect(res.statusCode).toBe(404);
  });
}, ENGINE_ONLY);

describeEachStore('FHIRPath Patch', (t) => {
  const operation = (parts: Record<string, unknown>[]) => ({ name: 'operation', part: parts });
  const fhirPatch = (id: string, ...operations: ReturnType<typeof operation>[]) =>
    t().app.inject({
      method: 'PATCH',
      url: `/fhir/Patient/${id}`,
      payload: JSON.stringify({ resourceType: 'Parameters', parameter: operations }),
      headers: { 'content-type': FHIR_JSON },
    });

  async function createPatient(): Promise<string> {
    const res = await t().app.inject({
      method: 'POST',
      url: '/fhir/Patient',
      payload: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Smit', given: ['Jan', 'Piet'] }], birthDate: '1950-01-01' }),
      headers: { 'content-type': FHIR_JSON },
    });
    return res.json().id;
  }

  it('applies add, insert, replace, move and delete in order', async () => {
    const id = await createPatient();
    const res = await fhirPatch(
      id,
      operation([{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'Patient.birthDate' }, { name: 'value', valueDate: '1951-02-02' }]),
      operation([{ name: 'type', valueCode: 'add' }, { name: 'path', valueString: 'Patient' }, { name: 'name', valueString: 'gender' }, { name: 'value', valueCode: 'male' }]),
      operation([{ name: 'type', valueCode: 'add' }, { name: 'path', valueString: 'Patient' }, { name: 'name', valueString: 'telecom' }, { name: 'value', valueContactPoint: { system: 'phone', value: '0612345678' } }]),
      operation([{ name: 'type', valueCode: 'insert' }, { name: 'path', valueString: 'Patient.name[0].given' }, { name: 'index', valueInteger: 0 }, { name: 'value', valueString: 'Kees' }]),
      operation([{ name: 'type', valueCode: 'move' }, { name: 'path', valueString: 'Patient.name[0].given' }, { name: 'source', valueInteger: 2 }, { name: 'destination', valueInteger: 0 }]),
      operation([{ name: 'type', valueCode: 'delete' }, { name: 'path', valueString: "Patient.name[0].given.where($this = 'Jan')" }]),
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.birthDate).toBe('1951-02-02');
    expect(body.gender).toBe('male');
    expect(body.telecom).toEqual([{ system: 'phone', value: '0612345678' }]);
    expect(body.name[0].given).toEqual(['Piet', 'Kees']);
  });

  it('refuses a path matching several elements with 422 and a malformed operation with 400', async () => {
    const id = await createPatient();
    const ambiguous = await fhirPatch(id, operation([{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: 'Patient.name.given' }, { name: 'value', valueString: 'X' }]));
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.json().issue[0].expression).toEqual(['Parameters.parameter[0]']);
    const malformed = await fhirPatch(id, operation([{ name: 'type', valueCode: 'replace' }]));
    expect(malformed.statusCode).toBe(400);
  });
});
