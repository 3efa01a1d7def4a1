import { describeEachStore } from '../support/app.ts';
import { DOMAINS, genderMap } from './fixtures.ts';
import { call, issue, out, q, type Reply } from './http.ts';

const GENDER_CS = 'http://hl7.org/fhir/administrative-gender';
const V2_MAP = 'http://hl7.org/fhir/ConceptMap/cm-administrative-gender-v2';

type Match = { name: string; part: { name: string; valueCode?: string; valueCoding?: { system?: string; code: string } }[] };

function matches(body: Reply['body']): { equivalence?: string; code?: string; system?: string }[] {
  return ((body.parameter ?? []) as Match[])
    .filter((p) => p.name === 'match')
    .map((m) => {
      const concept = m.part.find((p) => p.name === 'concept')?.valueCoding;
      return { equivalence: m.part.find((p) => p.name === 'equivalence')?.valueCode, code: concept?.code, system: concept?.system };
    });
}

describeEachStore('ConceptMap $translate', (t) => {
  it('translates with a base R4 concept map by url', async () => {
    const res = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ url: V2_MAP, system: GENDER_CS, code: 'male' })}`);
    expect(res.status).toBe(200);
    expect(out(res.body, 'result')).toBe(true);
    expect(matches(res.body)).toEqual([{ equivalence: 'equal', code: 'M', system: 'http://terminology.hl7.org/CodeSystem/v2-0001' }]);
  });

  it('finds the concept maps itself when only a target system is given', async () => {
    const res = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ system: GENDER_CS, code: 'female', targetsystem: 'http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender' })}`);
    expect(matches(res.body)).toEqual([{ equivalence: 'equal', code: 'F', system: 'http://terminology.hl7.org/CodeSystem/v3-AdministrativeGender' }]);
  });

  it('translates backwards with reverse', async () => {
    const res = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ url: V2_MAP, system: 'http://terminology.hl7.org/CodeSystem/v2-0001', code: 'A', reverse: 'true' })}`);
    expect(matches(res.body)).toEqual([{ equivalence: 'narrower', code: 'other', system: GENDER_CS }]);
  });

  it('translates with a stored concept map, by id and by url, and says when nothing matches', async () => {
    expect((await call(t().app, 'PUT', '/fhir/ConceptMap/domains', { ...genderMap, id: 'domains' })).status).toBe(201);
    const byId = await call(t().app, 'POST', '/fhir/ConceptMap/domains/$translate', {
      resourceType: 'Parameters',
      parameter: [{ name: 'coding', valueCoding: { system: DOMAINS, code: 'eenzaamheid' } }],
    });
    expect(matches(byId.body)).toEqual([{ equivalence: 'equivalent', code: 'LONELY', system: 'http://example.org/codes' }]);
    const bySystem = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ system: DOMAINS, code: 'rouw' })}`);
    expect(matches(bySystem.body)).toEqual([{ equivalence: 'wider', code: 'GRIEF', system: 'http://example.org/codes' }]);
    const none = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ system: 'http://example.org/unmapped', code: 'x' })}`);
    expect(out(none.body, 'result')).toBe(false);
    expect(out(none.body, 'message')).toMatch(/No concept map/);
  });

  it('answers 400 for a code without a system, 404 for an unknown concept map', async () => {
    const noSystem = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ url: V2_MAP, code: 'male' })}`);
    expect(noSystem.status).toBe(400);
    expect(issue(noSystem.body).expression).toEqual(['system']);
    const unknown = await call(t().app, 'GET', `/fhir/ConceptMap/$translate?${q({ url: 'http://example.org/none', system: GENDER_CS, code: 'male' })}`);
    expect(unknown.status).toBe(404);
  });
});
