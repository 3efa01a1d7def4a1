import { BaseTerminology, fileFor } from './base-terminology.ts';

describe('BaseTerminology', () => {
  it('knows which definitions file holds a URL', () => {
    expect(fileFor('ValueSet', 'http://hl7.org/fhir/ValueSet/administrative-gender')).toBe('fhir/r4/valuesets.json');
    expect(fileFor('CodeSystem', 'http://terminology.hl7.org/CodeSystem/v3-RoleCode')).toBe('fhir/r4/v3-codesystems.json');
    expect(fileFor('ValueSet', 'http://terminology.hl7.org/ValueSet/v2-0001')).toBe('fhir/r4/v2-tables.json');
    expect(fileFor('ConceptMap', 'http://hl7.org/fhir/ConceptMap/cm-name-use-v2')).toBe('fhir/r4/conceptmaps.json');
  });

  it('reads a file once, on first use, and drops narratives', async () => {
    const reads: string[] = [];
    const base = new BaseTerminology(async (file) => {
      reads.push(file);
      return { entry: [{ resource: { resourceType: 'ValueSet', url: 'http://hl7.org/fhir/ValueSet/a', text: { div: '<div/>' } } }] };
    });
    expect(base.loadedFiles()).toEqual([]);
    const found = await base.find('ValueSet', { url: 'http://hl7.org/fhir/ValueSet/a' });
    await base.find('ValueSet', { url: 'http://hl7.org/fhir/ValueSet/b' });
    expect(found).toEqual({ resourceType: 'ValueSet', url: 'http://hl7.org/fhir/ValueSet/a' });
    expect(reads).toEqual(['fhir/r4/valuesets.json']);
  });

  it('tries again after a failed read', async () => {
    let calls = 0;
    const base = new BaseTerminology(async () => {
      calls++;
      if (calls === 1) throw new Error('disk hiccup');
      return { entry: [] };
    });
    await expect(base.find('ValueSet', { url: 'x' })).rejects.toThrow('disk hiccup');
    await expect(base.find('ValueSet', { url: 'x' })).resolves.toBeUndefined();
  });
});
