import { DOMAINS, lifeDomains, resolverWith, valueSet } from '../../test/terminology/fixtures.ts';
import { checkCodings, checkInCodeSystem, checkInValueSet } from './validate-code.ts';

const resolver = resolverWith({ package: [lifeDomains] });
const psychisch = valueSet('http://example.org/vs/psychisch', {
  include: [
    { system: DOMAINS, filter: [{ property: 'concept', op: 'is-a', value: 'psychisch' }] },
    { system: 'http://snomed.info/sct', filter: [{ property: 'concept', op: 'is-a', value: '74732009' }] },
  ],
});

describe('checkInValueSet', () => {
  it('accepts a member and gives its display', async () => {
    expect(await checkInValueSet(psychisch, { system: DOMAINS, code: 'rouw' }, resolver, false)).toEqual({ result: true, display: 'Rouw' });
  });

  it('refuses a code of a held system that is not a member, saying why', async () => {
    const verdict = await checkInValueSet(psychisch, { system: DOMAINS, code: 'werk' }, resolver, false);
    expect(verdict.result).toBe(false);
    expect(verdict.message).toMatch(/"werk".*not in the value set http:\/\/example.org\/vs\/psychisch/);
  });

  it('cannot judge a SNOMED CT code under a filter: result true, undetermined, with a message', async () => {
    const verdict = await checkInValueSet(psychisch, { system: 'http://snomed.info/sct', code: '35489007' }, resolver, false);
    expect(verdict).toMatchObject({ result: true, undetermined: true });
    expect(verdict.message).toMatch(/SNOMED CT/);
  });

  it('accepts a code without a system, as code elements send them', async () => {
    expect((await checkInValueSet(psychisch, { code: 'eenzaamheid' }, resolver, false)).result).toBe(true);
  });

  it('remarks on a display that does not match, without refusing the code', async () => {
    const wrong = await checkInValueSet(psychisch, { system: DOMAINS, code: 'rouw', display: 'Verdriet' }, resolver, false);
    expect(wrong).toMatchObject({ result: true, display: 'Rouw' });
    expect(wrong.message).toMatch(/display "Verdriet"/);
    const designation = await checkInCodeSystem(lifeDomains, { code: 'psychisch', display: 'mental  wellbeing' }, resolver);
    expect(designation.message).toBeUndefined();
  });

  it('treats a missing code as invalid', async () => {
    expect((await checkInValueSet(psychisch, { system: DOMAINS }, resolver, false)).result).toBe(false);
  });
});

describe('checkInCodeSystem and checkCodings', () => {
  it('checks a code against the code system itself', () => {
    expect(checkInCodeSystem(lifeDomains, { code: 'werk' }, resolver).result).toBe(true);
    expect(checkInCodeSystem(lifeDomains, { code: 'xyz' }, resolver)).toMatchObject({ result: false, message: expect.stringMatching(/not defined/) });
    expect(checkInCodeSystem(lifeDomains, { system: 'http://other', code: 'werk' }, resolver).result).toBe(false);
    expect(checkInCodeSystem({ ...lifeDomains, content: 'fragment' }, { code: 'xyz' }, resolver).undetermined).toBe(true);
  });

  it('accepts a CodeableConcept when one coding is valid', async () => {
    const check = async (c: { code?: string }) => checkInCodeSystem(lifeDomains, c, resolver);
    expect((await checkCodings([{ code: 'xyz' }, { code: 'rouw' }], check)).result).toBe(true);
    expect(await checkCodings([{ code: 'xyz' }, { code: 'abc' }], check)).toMatchObject({ result: false, message: expect.stringMatching(/xyz.*abc/) });
    expect((await checkCodings([], check)).result).toBe(false);
  });
});
