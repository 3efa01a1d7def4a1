import { CanonicalIndex, splitCanonical } from './canonical.ts';

describe('canonical URLs', () => {
  it('splits off a version', () => {
    expect(splitCanonical('http://x/ValueSet/a|4.0.1')).toEqual({ url: 'http://x/ValueSet/a', version: '4.0.1' });
    expect(splitCanonical('http://x/ValueSet/a')).toEqual({ url: 'http://x/ValueSet/a' });
    expect(splitCanonical('http://x/ValueSet/a|')).toEqual({ url: 'http://x/ValueSet/a' });
  });

  it('indexes versions, picks the last one without a version, and ignores other types', () => {
    const index = new CanonicalIndex();
    index.add({ resourceType: 'CodeSystem', id: 'a1', url: 'u', version: '1' });
    index.add({ resourceType: 'CodeSystem', id: 'a2', url: 'u', version: '2' });
    index.add({ resourceType: 'Patient', id: 'p', url: 'u' });
    expect(index.find('CodeSystem', { url: 'u' })?.id).toBe('a2');
    expect(index.find('CodeSystem', { url: 'u', version: '1' })?.id).toBe('a1');
    expect(index.find('CodeSystem', { url: 'u', version: '3' })).toBeUndefined();
    expect(index.find('ValueSet', { url: 'u' })).toBeUndefined();
    expect(index.findById('CodeSystem', 'a1')?.version).toBe('1');
    expect(index.all('CodeSystem')).toHaveLength(2);
  });
});
