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

  it('looks up every ICPC-1-NL and SNOMED CT code of Brug\'s value sets, from the value set that lists it', async () => {
    const z13 = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: 'http://hl7.org/fhir/sid/icpc-1-nl', code: 'Z13' })}`);
    expect(z13.status).toBe(200);
    expect(out(z13.body, 'name')).toBe('ICPC-1-NL');
    expect(out(z13.body, 'display')).toBe('Problemen met gedrag van partner');
    const lonely = await call(t().app, 'POST', '/fhir/CodeSystem/$lookup', { resourceType: 'Parameters', parameter: [{ name: 'coding', valueCoding: { system: 'http://snomed.info/sct', code: '267076002' } }] });
    expect(lonely.status).toBe(200);
    expect(out(lonely.body, 'name')).toBe('SNOMED CT');
    expect(out(lonely.body, 'display')).toBe('Feeling lonely');
    const designation = (lonely.body.parameter as Part[]).find((p) => p.name === 'designation');
    expect(designation?.part).toEqual(expect.arrayContaining([{ name: 'language', valueCode: 'nl' }, { name: 'value', valueString: 'Zich eenzaam voelen' }]));
    // The whole ICPC Z chapter (Z01-Z29; ICPC has no Z17 and no Z26) is listed.
    for (const code of ['Z01', 'Z02', 'Z09', 'Z10', 'Z11', 'Z13', 'Z18', 'Z19', 'Z21', 'Z27', 'Z29']) {
      const res = await call(t().app, 'GET', `/fhir/CodeSystem/$lookup?${q({ system: 'http://hl7.org/fhir/sid/icpc-1-nl', code })}`);
      expect([code, res.status]).toEqual([code, 200]);
    }
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
