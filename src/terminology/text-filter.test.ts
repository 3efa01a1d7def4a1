import { textFilter } from './text-filter.ts';

const concepts = [
  { system: 's', code: 'male', display: 'Male' },
  { system: 's', code: 'female', display: 'Female' },
  { system: 's', code: 'fin', display: 'Financiële zorgen' },
  { system: 's', code: 'x1', display: 'Sociaal netwerk' },
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
});
