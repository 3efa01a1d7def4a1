import { describeEachStore } from '../support/app.ts';
import { DOMAINS, lifeDomains, valueSet } from './fixtures.ts';
import { call } from './http.ts';

const GENDER = 'http://hl7.org/fhir/ValueSet/administrative-gender';

describeEachStore('app.terminology (binding checks for other layers)', (t) => {
  it('knows base value sets, and checks codes without a system as code elements send them', async () => {
    const { terminology } = t().app;
    expect(await terminology.hasValueSet(GENDER)).toBe(true);
    expect(await terminology.hasValueSet(`${GENDER}|4.0.1`)).toBe(true);
    expect(await terminology.hasValueSet('http://example.org/none')).toBe(false);
    expect(await terminology.validateCode(GENDER, { code: 'male' })).toEqual({ result: true, display: 'Male' });
    expect(await terminology.validateCode(GENDER, { code: 'xyz' })).toMatchObject({ result: false, message: expect.any(String) });
  });

  it('does not refuse what it cannot judge: unknown value sets and SNOMED CT filters are undetermined', async () => {
    const { terminology } = t().app;
    expect(await terminology.validateCode('http://example.org/none', { code: 'a' })).toMatchObject({ result: true, undetermined: true });
    expect(await terminology.validateCode('http://hl7.org/fhir/ValueSet/clinical-findings', { system: 'http://snomed.info/sct', code: '22298006' })).toMatchObject({
      result: true,
      undetermined: true,
    });
  });

  it('sees value sets stored through the API once the write is committed', async () => {
    await call(t().app, 'PUT', '/fhir/CodeSystem/life-domains', lifeDomains);
    const url = 'http://example.org/fhir/ValueSet/psychisch';
    await call(t().app, 'PUT', '/fhir/ValueSet/psychisch', { ...valueSet(url, { include: [{ system: DOMAINS, filter: [{ property: 'concept', op: 'is-a', value: 'psychisch' }] }] }), id: 'psychisch' });
    expect(await t().app.terminology.hasValueSet(url)).toBe(true);
    expect((await t().app.terminology.validateCode(url, { system: DOMAINS, code: 'rouw' })).result).toBe(true);
    expect((await t().app.terminology.validateCode(url, { system: DOMAINS, code: 'werk' })).result).toBe(false);
  });

  it('answers inside an open write transaction without waiting on the store', async () => {
    let timer: NodeJS.Timeout | undefined;
    const answer = await t().store.repository.transaction(async () =>
      Promise.race([
        t().app.terminology.validateCode('http://example.org/never-stored', { code: 'a' }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('waited on the store')), 3000);
        }),
      ]),
    );
    clearTimeout(timer);
    expect(answer).toMatchObject({ result: true, undetermined: true });
  });

  it('lists the operations in the CapabilityStatement', async () => {
    const cs = (await call(t().app, 'GET', '/fhir/metadata')).body as unknown as { rest: { resource: { type: string; operation?: { name: string; definition: string }[] }[] }[] };
    const ops = (type: string) => (cs.rest[0]!.resource.find((r) => r.type === type)?.operation ?? []).map((o) => o.name);
    expect(ops('ValueSet')).toEqual(expect.arrayContaining(['expand', 'validate-code']));
    expect(ops('CodeSystem')).toEqual(expect.arrayContaining(['lookup', 'subsumes', 'validate-code']));
    expect(ops('ConceptMap')).toEqual(expect.arrayContaining(['translate']));
  });
});
