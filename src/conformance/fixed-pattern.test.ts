import { equalsFixed, matchesPattern } from './fixed-pattern.ts';

describe('fixed[x] and pattern[x] (elementdefinition.html)', () => {
  it('fixed: exactly the value, nothing more (an id aside)', () => {
    expect(equalsFixed({ system: 's', code: 'c' }, { system: 's', code: 'c' })).toBe(true);
    expect(equalsFixed({ system: 's', code: 'c', display: 'd' }, { system: 's', code: 'c' })).toBe(false);
    expect(equalsFixed({ id: 'x', system: 's' }, { system: 's' })).toBe(true);
    expect(equalsFixed('order', 'proposal')).toBe(false);
  });

  it('pattern: at least the pattern; each pattern array item matches some value item', () => {
    const pattern = { coding: [{ system: 'http://loinc.org', code: '29463-7' }] };
    expect(matchesPattern({ coding: [{ system: 'x', code: 'y' }, { system: 'http://loinc.org', code: '29463-7', display: 'Weight' }], text: 't' }, pattern)).toBe(true);
    expect(matchesPattern({ coding: [{ system: 'http://loinc.org', code: '8302-2' }] }, pattern)).toBe(false);
  });
});
