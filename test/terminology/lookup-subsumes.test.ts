import { describeEachStore } from '../support/app.ts';
import { DOMAINS, lifeDomains } from './fixtures.ts';
import { call, issue, out, q, type Reply } from './http.ts';

type Part = { name: string; part?: { name: string; valueCode?: string; valueString?: string }[] };

function properties(body: Reply['body'], code: string): string[] {
  return ((body.parameter ?? []) as Part[])
    .filter((p) => p.name === 'property' && p.part?.[0]?.valueCode === code)
    .map((p) => p.part![1]!.valueCode ?? p.part![1]!.valueString ?? '');
}

describeEachStore('CodeSystem $lookup and $subsumes', (t) => {
  beforeAll(async () => {
    expect((await call(t().app, 'PUT', '/fhir/CodeSystem/life-domains', lifeDomains)).status).toBe(201);
  });

  it('looks up a base R4 code: name, display', async () => {
    const res = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: 'http://hl7.org/fhir/administrative-gender', code: 'female' })}`);
    expect(res.status).toBe(200);
    expect(out(res.body, 'name')).toBe('AdministrativeGender');
    expect(out(res.body, 'version')).toBe('4.0.1');
    expect(out(res.body, 'display')).toBe('Female');
  });

  it('looks up a stored code with its designations, parent and children', async () => {
    const res = await call(t().app, 'POST', '/fhir/CodeSystem/$lookup', { resourceType: 'Parameters', parameter: [{ name: 'coding', valueCoding: { system: DOMAINS, code: 'psychisch' } }] });
    expect(out(res.body, 'display')).toBe('Psychisch welbevinden');
    expect(JSON.stringify(res.body)).toContain('Mental wellbeing');
    expect(properties(res.body, 'child')).toEqual(['eenzaamheid', 'rouw']);
    const werk = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: DOMAINS, code: 'werk', property: 'parent' })}`);
    expect(properties(werk.body, 'parent')).toEqual(['sociaal']);
    expect(properties(werk.body, 'child')).toEqual([]);
  });

  it('answers 404 for an unknown system or code, 400 without a system', async () => {
    const system = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: 'http://snomed.info/sct', code: '22298006' })}`);
    expect(system.status).toBe(404);
    expect(issue(system.body).expression).toEqual(['system']);
    const code = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: DOMAINS, code: 'nope' })}`);
    expect(code.status).toBe(404);
    expect(issue(code.body).expression).toEqual(['code']);
    const noSystem = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ code: 'male' })}`);
    expect(noSystem.status).toBe(400);
    expect(issue(noSystem.body).expression).toEqual(['system']);
  });

  it('tells how two codes of a hierarchical code system relate', async () => {
    const outcome = async (codeA: string, codeB: string) =>
      out((await call(t().app, 'GET', `/fhir/CodeSystem/$subsumes?${q({ system: DOMAINS, codeA, codeB })}`)).body, 'outcome');
    expect(await outcome('psychisch', 'rouw')).toBe('subsumes');
    expect(await outcome('werk', 'sociaal')).toBe('subsumed-by');
    expect(await outcome('rouw', 'rouw')).toBe('equivalent');
    expect(await outcome('rouw', 'netwerk')).toBe('not-subsumed');
  });

  it('answers $subsumes on the instance and with codings', async () => {
    const instance = await call(t().app, 'GET', `/fhir/CodeSystem/life-domains/$subsumes?${q({ codeA: 'sociaal', codeB: 'netwerk' })}`);
    expect(out(instance.body, 'outcome')).toBe('subsumes');
    const codings = await call(t().app, 'POST', '/fhir/CodeSystem/$subsumes', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'codingA', valueCoding: { system: DOMAINS, code: 'eenzaamheid' } },
        { name: 'codingB', valueCoding: { system: DOMAINS, code: 'psychisch' } },
      ],
    });
    expect(out(codings.body, 'outcome')).toBe('subsumed-by');
  });

  it('answers 400 naming the parameter for an unknown code or a missing one', async () => {
    const unknown = await call(t().app, 'GET', `/fhir/CodeSystem/$subsumes?${q({ system: DOMAINS, codeA: 'psychisch', codeB: 'nope' })}`);
    expect(unknown.status).toBe(400);
    expect(issue(unknown.body).expression).toEqual(['codeB']);
    const missing = await call(t().app, 'GET', `/fhir/CodeSystem/$subsumes?${q({ system: DOMAINS, codeA: 'psychisch' })}`);
    expect(missing.status).toBe(400);
    expect(issue(missing.body).expression).toEqual(['codeB']);
    const noSystem = await call(t().app, 'GET', `/fhir/CodeSystem/$subsumes?${q({ codeA: 'a', codeB: 'b' })}`);
    expect(noSystem.status).toBe(400);
    expect(issue(noSystem.body).expression).toEqual(['system']);
  });
});
