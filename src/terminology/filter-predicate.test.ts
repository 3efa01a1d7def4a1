import { lifeDomains } from '../../test/terminology/fixtures.ts';
import { isBrugError } from '../errors.ts';
import { CodeSystemIndex } from './code-system-index.ts';
import { conceptPredicate } from './filter-predicate.ts';

const index = new CodeSystemIndex(lifeDomains);

function codes(property: string, op: string, value: string): string[] {
  const test = conceptPredicate(index, { property, op: op as 'is-a', value });
  return [...index.all()].filter(test).map((c) => c.code);
}

describe('conceptPredicate', () => {
  it('is-a takes the code and everything below it; descendent-of only what is below', () => {
    expect(codes('concept', 'is-a', 'psychisch')).toEqual(['psychisch', 'eenzaamheid', 'rouw']);
    expect(codes('concept', 'descendent-of', 'sociaal')).toEqual(['netwerk', 'werk']);
  });

  it('is-not-a and generalizes', () => {
    expect(codes('concept', 'is-not-a', 'psychisch')).not.toContain('rouw');
    expect(codes('concept', 'generalizes', 'rouw')).toEqual(['psychisch', 'rouw']);
  });

  it('=, in, not-in and regex on the code', () => {
    expect(codes('concept', '=', 'rouw')).toEqual(['rouw']);
    expect(codes('code', 'in', 'rouw, werk')).toEqual(['rouw', 'werk']);
    expect(codes('concept', 'not-in', 'psychisch,eenzaamheid,rouw,sociaal,netwerk,werk')).toEqual(['financien', 'oud', 'groep']);
    expect(codes('concept', 'regex', 'r.*')).toEqual(['rouw']);
  });

  it('filters on properties, parent and child', () => {
    expect(codes('inactive', '=', 'true')).toEqual(['oud']);
    expect(codes('inactive', 'exists', 'true')).toEqual(['oud']);
    expect(codes('parent', '=', 'sociaal')).toEqual(['netwerk', 'werk']);
    expect(codes('child', '=', 'rouw')).toEqual(['psychisch']);
    expect(codes('display', 'regex', 'Rouw|Eenzaamheid')).toEqual(['eenzaamheid', 'rouw']);
  });

  it('refuses an operator it does not know, and an invalid regex', () => {
    const refused = (property: string, op: string, value: string) => {
      try {
        codes(property, op, value);
      } catch (err) {
        return isBrugError(err) ? err.code : 'other';
      }
      return 'none';
    };
    expect(refused('concept', 'is-kind-of', 'x')).toBe('BRUG_TERM_UNSUPPORTED_FILTER');
    expect(refused('concept', 'regex', '(')).toBe('BRUG_TERM_INVALID_FILTER');
  });
});
