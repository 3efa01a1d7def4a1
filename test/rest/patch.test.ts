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

  it('applies every RFC 6902 operation: add (also into lists and with "-"), remove, replace, move, copy and test', async () => {
    const task = await createTask();
    const url = `/fhir/Task/${task.id}`;
    const operations = [
      { op: 'add', path: '/input', value: [{ type: { text: 'a' }, valueString: '1' }] },
      { op: 'add', path: '/input/-', value: { type: { text: 'c' }, valueString: '3' } },
      { op: 'add', path: '/input/1', value: { type: { text: 'b' }, valueString: '2' } },
      { op: 'copy', from: '/input/0', path: '/input/-' },
      { op: 'replace', path: '/input/3/valueString', value: '4' },
      { op: 'move', from: '/input/3', path: '/input/0' },
      { op: 'remove', path: '/input/1' },
      { op: 'add', path: '/note', value: [{ text: 'x~y/z' }] },
      { op: 'test', path: '/note/0/text', value: 'x~y/z' },
      { op: 'test', path: '/input', value: [{ type: { text: 'a' }, valueString: '4' }, { type: { text: 'b' }, valueString: '2' }, { type: { text: 'c' }, valueString: '3' }] },
    ];
    const res = await t().app.inject({ method: 'PATCH', url, payload: JSON.stringify(operations), headers: { 'content-type': JSON_PATCH } });
    expect({ status: res.statusCode, body: res.json().issue }).toEqual({ status: 200, body: undefined });
    expect(res.json().input.map((i: { valueString: string }) => i.valueString)).toEqual(['4', '2', '3']);
    expect(res.json().note).toEqual([{ text: 'x~y/z' }]);
  });

  it('refuses, in its own words, a pointer that does not resolve (422) and one through __proto__ (400)', async () => {
    const task = await createTask();
    const url = `/fhir/Task/${task.id}`;
    const send = (operations: unknown) => t().app.inject({ method: 'PATCH', url, payload: JSON.stringify(operations), headers: { 'content-type': JSON_PATCH } });
    const cases: [unknown, number, RegExp][] = [
      [[{ op: 'remove', path: '/note' }], 422, /operation 0: "path" \/note does not exist/],
      [[{ op: 'replace', path: '/input/0', value: {} }], 422, /does not exist/],
      [[{ op: 'copy', from: '/nothing', path: '/note' }], 422, /"from" \/nothing does not exist/],
      [[{ op: 'add', path: '/identifier/5', value: {} }], 422, /does not exist/],
      [[{ op: 'add', path: '/identifier', value: [] }, { op: 'add', path: '/identifier/1', value: {} }], 422, /operation 1: "1" is not a position/],
      [[{ op: 'move', from: '/status', path: '/status/x' }], 422, /into itself/],
      [[{ op: 'add', path: '/__proto__/polluted', value: 1 }], 400, /reserved key __proto__/],
      [[{ op: 'copy', from: '/__proto__', path: '/x' }], 400, /reserved key __proto__/],
      [[{ op: 'add', path: 'status', value: 1 }], 400, /must be empty or start with "\/"/],
      [[{ op: 'add', path: '/status' }], 400, /add needs a "value"/],
    ];
    for (const [operations, status, text] of cases) {
      const res = await send(operations);
      expect({ status: res.statusCode, text: res.json().issue[0].diagnostics }).toEqual({ status, text: expect.stringMatching(text) });
      expect(res.body).not.toMatch(/fast-json-patch|README|JSON-Patch:/);
    }
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect((await t().app.inject({ method: 'GET', url })).json().meta.versionId).toBe('1');
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

  it('refuses a FHIRPath too long, too deeply nested or not valid with 400, without the engine\'s words', async () => {
    const id = await createPatient();
    const replace = (path: string) => fhirPatch(id, operation([{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: path }, { name: 'value', valueString: 'X' }]));
    const cases: [string, RegExp][] = [
      [`Patient.where(${'('.repeat(3000)}`, /longer than 1000 characters/],
      [`Patient.where(${'('.repeat(500)}`, /nests brackets deeper than 16 levels/],
      [`Patient.name.where(${'('.repeat(16)}true${')'.repeat(16)}).family`, /./],
      ['Patient.name[0].family.(', /is not a valid FHIRPath expression/],
      ["Patient.name.where(family = '((((((((((((((((((((').family", /./],
    ];
    for (const [path, text] of cases) {
      const res = await replace(path);
      expect(res.statusCode).not.toBe(500);
      expect(res.json().issue[0].diagnostics).toMatch(text);
      expect(res.body).not.toMatch(/call stack|RangeError|TypeError|line \d+:\d+/);
    }
    expect((await replace(`Patient.where(${'('.repeat(500)}`)).statusCode).toBe(400);
    expect((await replace('Patient.name[0].family')).statusCode).toBe(200);
  });
});
