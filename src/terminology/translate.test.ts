import { DOMAINS, genderMap } from '../../test/terminology/fixtures.ts';
import { isAcceptable, mapsBetween, translateWith } from './translate.ts';

describe('translateWith', () => {
  it('maps a source code to its targets', () => {
    expect(translateWith(genderMap, { system: DOMAINS, code: 'eenzaamheid' }, { reverse: false })).toEqual([
      { equivalence: 'equivalent', concept: { system: 'http://example.org/codes', code: 'LONELY', display: 'Lonely' }, source: genderMap.url },
    ]);
  });

  it('uses the unmapped rule for codes the map does not list', () => {
    expect(translateWith(genderMap, { system: DOMAINS, code: 'werk' }, { reverse: false })[0]).toMatchObject({ concept: { code: 'OTHER' } });
    expect(translateWith(genderMap, { system: 'http://other', code: 'werk' }, { reverse: false })).toEqual([]);
  });

  it('maps back from target to source, turning the equivalence around', () => {
    expect(translateWith(genderMap, { system: 'http://example.org/codes', code: 'GRIEF' }, { reverse: true })).toEqual([
      { equivalence: 'narrower', concept: { system: DOMAINS, code: 'rouw' }, source: genderMap.url },
    ]);
  });

  it('keeps to the target system asked for', () => {
    expect(translateWith(genderMap, { system: DOMAINS, code: 'rouw' }, { reverse: false, targetSystem: 'http://elsewhere' })).toEqual([]);
  });

  it('knows which equivalences are no match, and which maps go between which value sets', () => {
    expect(isAcceptable({ equivalence: 'disjoint' })).toBe(false);
    expect(isAcceptable({ equivalence: 'wider' })).toBe(true);
    expect(mapsBetween(genderMap, 'http://example.org/fhir/ValueSet/domains', undefined, false)).toBe(true);
    expect(mapsBetween(genderMap, 'http://example.org/fhir/ValueSet/codes', undefined, true)).toBe(true);
    expect(mapsBetween(genderMap, 'http://example.org/fhir/ValueSet/codes', undefined, false)).toBe(false);
  });
});
