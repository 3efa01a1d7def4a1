import { lifeDomains } from '../../test/terminology/fixtures.ts';
import { CodeSystemIndex } from './code-system-index.ts';

describe('CodeSystemIndex', () => {
  const index = new CodeSystemIndex(lifeDomains);

  it('finds nested concepts and knows their parents and children', () => {
    expect(index.size).toBe(9);
    expect(index.get('eenzaamheid')?.parents).toEqual(new Set(['psychisch']));
    expect(index.get('psychisch')?.children).toEqual(new Set(['eenzaamheid', 'rouw']));
  });

  it('takes the parent property into the hierarchy as well', () => {
    expect(index.get('werk')?.parents).toEqual(new Set(['sociaal']));
    expect(index.get('sociaal')?.children).toEqual(new Set(['netwerk', 'werk']));
    expect(index.subsumedBy('werk', 'sociaal')).toBe(true);
  });

  it('answers subsumption, including a code subsuming itself', () => {
    expect(index.subsumedBy('rouw', 'psychisch')).toBe(true);
    expect(index.subsumedBy('rouw', 'rouw')).toBe(true);
    expect(index.subsumedBy('psychisch', 'rouw')).toBe(false);
    expect(index.subsumedBy('rouw', 'sociaal')).toBe(false);
    expect(index.subsumedBy('nope', 'sociaal')).toBe(false);
  });

  it('marks inactive and not-selectable concepts', () => {
    expect(index.get('oud')?.inactive).toBe(true);
    expect(index.get('groep')?.abstract).toBe(true);
    expect(index.get('rouw')?.inactive).toBe(false);
  });

  it('is case sensitive unless the code system says otherwise', () => {
    expect(index.get('ROUW')).toBeUndefined();
    const insensitive = new CodeSystemIndex({ ...lifeDomains, caseSensitive: false });
    expect(insensitive.get('ROUW')?.code).toBe('rouw');
  });

  it('survives a parent cycle', () => {
    const cyclic = new CodeSystemIndex({
      resourceType: 'CodeSystem',
      status: 'active',
      content: 'complete',
      concept: [
        { code: 'a', property: [{ code: 'parent', valueCode: 'b' }] },
        { code: 'b', property: [{ code: 'parent', valueCode: 'a' }] },
        { code: 'c' },
      ],
    });
    expect(cyclic.subsumedBy('a', 'b')).toBe(true);
    expect(cyclic.subsumedBy('a', 'c')).toBe(false);
  });
});
