import { readdirSync, readFileSync } from 'node:fs';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';

const CANONICAL = 'https://brug.example.org/fhir';
const EXAMPLES = 'profiles/package/example';
const INVALID = 'profiles/test-cases/invalid';

interface InvalidCase {
  file: string;
  profile: string;
  rule: string;
  expression: string;
  terminology: boolean;
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8').replaceAll('{{canonical}}', CANONICAL)) as { resourceType: string; id?: string };
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
const invalid = (JSON.parse(readFileSync(`${INVALID}/index.json`, 'utf8')) as { cases: InvalidCase[] }).cases;

const bodyweight = {
  resourceType: 'Observation',
  meta: { profile: ['http://hl7.org/fhir/StructureDefinition/bodyweight'] },
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-01-02T10:00:00Z',
  valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

describeEachStore('writes are checked against profiles', (t) => {
  const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
    t().app.inject({ method, url, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });

  it('accepts every example of the Brug package (PUT with its own id)', async () => {
    for (const file of examples) {
      const resource = read(`${EXAMPLES}/${file}`);
      const res = await send('PUT', `/fhir/${resource.resourceType}/${resource.id}`, resource);
      expect({ file, status: res.statusCode, body: res.statusCode >= 300 ? res.json() : undefined }).toMatchObject({ file, status: 201 });
    }
  });

  it.each(invalid.map((c) => [c.file, c] as const))('refuses %s with 422 and the broken rule at its location', async (_file, c) => {
    const resource = read(`${INVALID}/${c.file}`);
    const res = await send('POST', `/fhir/${resource.resourceType}`, resource);
    expect(res.statusCode).toBe(422);
    const issues = res.json().issue as { severity: string; diagnostics: string; expression?: string[] }[];
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const expressions = errors.map((i) => i.expression?.[0] ?? '');
    expect(expressions.some((e) => e === c.expression || e.startsWith(`${c.expression}[`) || e.startsWith(`${c.expression}.`))).toBe(true);
    if (c.rule.includes('-') && !['fixed-value'].includes(c.rule)) expect(errors.some((i) => i.diagnostics.includes(c.rule))).toBe(true);
  });

  it('enforces the required profile even when meta.profile does not claim it', async () => {
    const task = read(`${INVALID}/taak-vrije-tekst.json`) as Record<string, unknown>;
    delete task.meta;
    const res = await send('POST', '/fhir/Task', task);
    expect(res.statusCode).toBe(422);
    expect(res.json().issue.map((i: { expression: string[] }) => i.expression[0])).toContain('Task.description');
  });

  it('checks a base R4 profile named in meta.profile: fixed values, patterns, slices, types', async () => {
    expect((await send('POST', '/fhir/Observation', bodyweight)).statusCode).toBe(201);
    const wrongCode = await send('POST', '/fhir/Observation', { ...bodyweight, code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }] } });
    expect(wrongCode.statusCode).toBe(422);
    // The profile slices code.coding by system and code: the LOINC weight code is a required slice.
    expect(wrongCode.json().issue[0]).toMatchObject({ severity: 'error', code: 'required', expression: ['Observation.code.coding'] });
    expect(wrongCode.json().issue[0].diagnostics).toMatch(/Slice "BodyWeightCode"/);
    const noCategory = await send('POST', '/fhir/Observation', { ...bodyweight, category: [{ text: 'weight' }] });
    expect(noCategory.statusCode).toBe(422);
    expect(noCategory.json().issue.some((i: { diagnostics: string }) => /Slice "VSCat"/.test(i.diagnostics))).toBe(true);
    const wrongType = await send('POST', '/fhir/Observation', { ...bodyweight, valueQuantity: undefined, valueString: '70 kg' });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().issue.map((i: { expression: string[] }) => i.expression[0])).toContain('Observation.valueString');
  });

  it('accepts a resource that claims a profile the server does not know (a warning, not a refusal)', async () => {
    const res = await send('POST', '/fhir/Patient', { resourceType: 'Patient', meta: { profile: ['http://example.org/fhir/StructureDefinition/unknown'] }, active: true });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a transaction whose entry breaks a profile, and stores none of it', async () => {
    const task = read(`${INVALID}/taak-afgewezen-zonder-reden.json`);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:6f1c8a53-2f8e-4a4e-9d1c-3d0f2d6f1a01', resource: { resourceType: 'Patient', id: 'tx-patient', active: true }, request: { method: 'PUT', url: 'Patient/tx-patient' } },
        { resource: task, request: { method: 'POST', url: 'Task' } },
      ],
    };
    const res = await t().app.inject({ method: 'POST', url: '/fhir', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON } });
    expect(res.statusCode).toBe(422);
    expect(res.json().issue.some((i: { diagnostics: string }) => i.diagnostics.includes('brug-taak-1'))).toBe(true);
    expect((await t().app.inject({ method: 'GET', url: '/fhir/Patient/tx-patient' })).statusCode).toBe(404);
  });

  it('checks the reference targets a profile narrows (Task.requester: brug-practitionerrole only)', async () => {
    const task = read(`${EXAMPLES}/Task-voorbeeld-taak-anna.json`) as Record<string, unknown>;
    const res = await send('POST', '/fhir/Task', { ...task, id: undefined, requester: { reference: 'Practitioner/voorbeeld-practitioner-poh' } });
    expect(res.statusCode).toBe(422);
    const issue = res.json().issue.find((i: { expression: string[] }) => i.expression[0] === 'Task.requester');
    expect(issue.diagnostics).toMatch(/points to a Practitioner, which is not allowed here \(allowed: PractitionerRole\)/);
  });

  it('checks the result of a JSON Patch against the profile (422), and keeps the stored version', async () => {
    const task = read(`${EXAMPLES}/Task-voorbeeld-taak-karim.json`);
    expect((await send('PUT', `/fhir/Task/${task.id}`, task)).statusCode).toBeLessThan(300);
    const res = await t().app.inject({
      method: 'PATCH',
      url: `/fhir/Task/${task.id}`,
      payload: JSON.stringify([{ op: 'add', path: '/description', value: 'vrije tekst over de inwoner' }]),
      headers: { 'content-type': 'application/json-patch+json' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().issue[0]).toMatchObject({ severity: 'error', expression: ['Task.description'] });
    expect((await t().app.inject({ method: 'GET', url: `/fhir/Task/${task.id}` })).json().description).toBeUndefined();
  });
});
