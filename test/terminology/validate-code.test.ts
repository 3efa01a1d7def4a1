import { describeEachStore } from '../support/app.ts';
import { DOMAINS, lifeDomains } from './fixtures.ts';
import { call, issue, out, q } from './http.ts';

const GENDER = 'http://hl7.org/fhir/ValueSet/administrative-gender';
const GENDER_CS = 'http://hl7.org/fhir/administrative-gender';

describeEachStore('$validate-code', (t) => {
  it('accepts a member of a value set and gives its display', async () => {
    const res = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: GENDER, system: GENDER_CS, code: 'male' })}`);
    expect(res.status).toBe(200);
    expect(out(res.body, 'result')).toBe(true);
    expect(out(res.body, 'display')).toBe('Male');
  });

  it('refuses a code that is not a member, with a message', async () => {
    const res = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: GENDER, system: GENDER_CS, code: 'xyz' })}`);
    expect(out(res.body, 'result')).toBe(false);
    expect(out(res.body, 'message')).toMatch(/"xyz".*not in the value set/);
  });

  it('checks a coding or a CodeableConcept in a POST, and remarks on a wrong display', async () => {
    const coding = await call(t().app, 'POST', '/fhir/ValueSet/$validate-code', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'url', valueUri: GENDER },
        { name: 'coding', valueCoding: { system: GENDER_CS, code: 'female', display: 'Vrouw' } },
      ],
    });
    expect(out(coding.body, 'result')).toBe(true);
    expect(out(coding.body, 'message')).toMatch(/display "Vrouw"/);
    const concept = await call(t().app, 'POST', '/fhir/ValueSet/$validate-code', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'url', valueUri: GENDER },
        { name: 'codeableConcept', valueCodeableConcept: { coding: [{ system: 'http://other', code: 'x' }, { system: GENDER_CS, code: 'unknown' }] } },
      ],
    });
    expect(out(concept.body, 'result')).toBe(true);
  });

  it('cannot judge a SNOMED CT code under a filter: result true with a message', async () => {
    const res = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: 'http://hl7.org/fhir/ValueSet/clinical-findings', system: 'http://snomed.info/sct', code: '22298006' })}`);
    expect(out(res.body, 'result')).toBe(true);
    expect(out(res.body, 'message')).toMatch(/SNOMED CT .* not held/);
  });

  it('validates against a code system, by url and by id', async () => {
    await call(t().app, 'PUT', '/fhir/CodeSystem/life-domains', lifeDomains);
    const byUrl = await call(t().app, 'GET', `/fhir/CodeSystem/$validate-code?${q({ url: DOMAINS, code: 'rouw' })}`);
    expect(out(byUrl.body, 'result')).toBe(true);
    expect(out(byUrl.body, 'display')).toBe('Rouw');
    const byId = await call(t().app, 'GET', `/fhir/CodeSystem/life-domains/$validate-code?${q({ code: 'bestaat-niet' })}`);
    expect(out(byId.body, 'result')).toBe(false);
    const base = await call(t().app, 'GET', `/fhir/CodeSystem/$validate-code?${q({ url: GENDER_CS, code: 'other' })}`);
    expect(out(base.body, 'result')).toBe(true);
  });

  it('answers 400 when no or several codes are given, and 404 for an unknown value set', async () => {
    const none = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: GENDER })}`);
    expect(none.status).toBe(400);
    expect(issue(none.body).expression).toEqual(['code']);
    const both = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: GENDER, code: 'male', coding: `${GENDER_CS}|male` })}`);
    expect(both.status).toBe(400);
    expect(issue(both.body).expression).toEqual(['coding']);
    const unknown = await call(t().app, 'GET', `/fhir/ValueSet/$validate-code?${q({ url: 'http://example.org/none', code: 'a' })}`);
    expect(unknown.status).toBe(404);
  });
});
