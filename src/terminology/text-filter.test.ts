import { textFilter } from './text-filter.ts';

const concepts = [
  { system: 's', code: 'male', display: 'Male' },
  { system: 's', code: 'female', display: 'Female' },
  { system: 's', code: 'fin', display: 'Financiële zorgen' },
  { system: 's', code: 'x1', display: 'Sociaal netwerk' },
  { system: 's', code: '267076002', display: 'Feeling lonely', designation: [{ language: 'nl', value: 'Zich eenzaam voelen' }] },
];

function matching(filter: string): string[] {
  return concepts.filter(textFilter(filter)).map((c) => c.code);
}

describe('textFilter', () => {
  it('matches the start of a word in the display, or the start of the code', () => {
    expect(matching('fem')).toEqual(['female']);
    expect(matching('male')).toEqual(['male']);
    expect(matching('x')).toEqual(['x1']);
  });

  it('ignores case and diacritics, and needs every word', () => {
    expect(matching('FINANCIELE')).toEqual(['fin']);
    expect(matching('sociaal net')).toEqual(['x1']);
    expect(matching('sociaal zorgen')).toEqual([]);
  });

  it('matches a designation as it matches the display, each text on its own', () => {
    expect(matching('eenzaam')).toEqual(['267076002']);
    expect(matching('lonely')).toEqual(['267076002']);
    expect(matching('eenzaam feeling')).toEqual([]);
  });
});
