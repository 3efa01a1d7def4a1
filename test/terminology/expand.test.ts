import { describeEachStore } from '../support/app.ts';
import { DOMAINS, lifeDomains, valueSet } from './fixtures.ts';
import { call, codes, issue, q } from './http.ts';

const GENDER = 'http://hl7.org/fhir/ValueSet/administrative-gender';

describeEachStore('ValueSet $expand', (t) => {
  it('expands a base R4 value set by url', async () => {
    const res = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: GENDER })}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'ValueSet', url: GENDER, expansion: { total: 4, offset: 0 } });
    expect(codes(res.body)).toEqual(['male', 'female', 'other', 'unknown']);
    expect(res.body).not.toHaveProperty('text');
  });

  it('filters on text, and pages with count and offset while total counts all', async () => {
    const filtered = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: GENDER, filter: 'fem' })}`);
    expect(codes(filtered.body)).toEqual(['female']);
    const page = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: 'http://hl7.org/fhir/ValueSet/task-status', count: '3', offset: '2' })}`);
    expect(page.body.expansion).toMatchObject({ total: 12, offset: 2 });
    expect(codes(page.body)).toEqual(['received', 'accepted', 'rejected']);
    const none = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: GENDER, count: '0' })}`);
    expect(none.body.expansion).toMatchObject({ total: 4 });
    expect(codes(none.body)).toEqual([]);
  });

  it('finds Brug\'s referral reasons by their Dutch texts, also the SNOMED CT codes by their Dutch designation', async () => {
    const reasons = 'https://brug.example.org/fhir/ValueSet/brug-verwijsreden';
    const lonely = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: reasons, filter: 'eenzaam' })}`);
    expect(lonely.status).toBe(200);
    expect(codes(lonely.body)).toEqual(['267076002']);
    const isolement = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: reasons, filter: 'sociaal isol' })}`);
    expect(codes(isolement.body)).toEqual(['422650009']);
    const partner = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: reasons, filter: 'partner' })}`);
    expect(codes(partner.body)).toEqual(['Z12', 'Z13', 'Z14', 'Z15']);
  });

  it('expands a stored value set by id and by url, with is-a filters over a stored hierarchical code system', async () => {
    expect((await call(t().app, 'PUT', '/fhir/CodeSystem/life-domains', lifeDomains)).status).toBe(201);
    const vs = { ...valueSet('http://example.org/fhir/ValueSet/social', { include: [{ system: DOMAINS, filter: [{ property: 'concept', op: 'is-a', value: 'sociaal' }] }] }), id: 'social' };
    expect((await call(t().app, 'PUT', '/fhir/ValueSet/social', vs)).status).toBe(201);
    const byId = await call(t().app, 'GET', '/fhir/ValueSet/social/$expand');
    expect(byId.status).toBe(200);
    expect(codes(byId.body)).toEqual(['sociaal', 'netwerk', 'werk']);
    const byUrl = await call(t().app, 'POST', '/fhir/ValueSet/$expand', { resourceType: 'Parameters', parameter: [{ name: 'url', valueUri: vs.url }] });
    expect(codes(byUrl.body)).toEqual(['sociaal', 'netwerk', 'werk']);
  });

  it('expands a value set sent in the body, with nested value sets and excludes', async () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'valueSet',
          resource: valueSet('http://example.org/fhir/ValueSet/inline', {
            include: [{ valueSet: [GENDER] }, { system: 'http://snomed.info/sct', concept: [{ code: '73595000', display: 'Stress' }] }],
            exclude: [{ system: 'http://hl7.org/fhir/administrative-gender', concept: [{ code: 'other' }] }],
          }),
        },
      ],
    };
    const res = await call(t().app, 'POST', '/fhir/ValueSet/$expand', body);
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(['male', 'female', 'unknown', '73595000']);
  });

  it('refuses to expand a filter over SNOMED CT with 422 not-supported, saying why', async () => {
    const res = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: 'http://hl7.org/fhir/ValueSet/clinical-findings' })}`);
    expect(res.status).toBe(422);
    expect(issue(res.body)).toMatchObject({ code: 'not-supported', diagnostics: expect.stringMatching(/SNOMED CT/) });
  });

  it('answers 404 for an unknown value set, and 400 naming the parameter for bad input', async () => {
    const unknown = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: 'http://example.org/none' })}`);
    expect(unknown.status).toBe(404);
    expect(issue(unknown.body).expression).toEqual(['url']);
    expect((await call(t().app, 'GET', '/fhir/ValueSet/none/$expand')).status).toBe(404);
    const badCount = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ url: GENDER, count: 'many' })}`);
    expect(badCount.status).toBe(400);
    expect(issue(badCount.body).expression).toEqual(['count']);
    const missing = await call(t().app, 'POST', '/fhir/ValueSet/$expand', { resourceType: 'Parameters', parameter: [] });
    expect(missing.status).toBe(400);
    expect(issue(missing.body).expression).toEqual(["Parameters.parameter.where(name = 'url')"]);
    const wrongBody = await call(t().app, 'POST', '/fhir/ValueSet/$expand', { resourceType: 'ValueSet', status: 'active' });
    expect(wrongBody.status).toBe(400);
    const context = await call(t().app, 'GET', `/fhir/ValueSet/$expand?${q({ context: 'Patient.gender' })}`);
    expect(context.status).toBe(400);
    expect(issue(context.body)).toMatchObject({ expression: ['context'], diagnostics: expect.stringMatching(/not supported/) });
  });
});
