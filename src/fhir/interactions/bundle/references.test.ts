import { baseOf, collectReferences, isConditionalReference, isPlaceholder, resolveAgainstEntries, rewriteReferences } from './references.ts';

describe('rewriteReferences', () => {
  const resource = {
    resourceType: 'ServiceRequest',
    subject: { reference: 'urn:uuid:a' },
    extension: [{ url: 'http://example.org/x', valueReference: { reference: 'urn:uuid:a' } }],
    contained: [{ resourceType: 'Observation', id: 'o', subject: { reference: 'urn:uuid:a' } }],
    supportingInfo: [{ reference: '#o' }],
    note: [{ text: 'reference urn:uuid:a in prose stays' }],
  };

  it('replaces every reference, including inside extensions and contained resources, and leaves the input alone', () => {
    const out = rewriteReferences(resource, (ref) => (ref === 'urn:uuid:a' ? 'Patient/1' : undefined));
    expect(out.subject.reference).toBe('Patient/1');
    expect(out.extension[0]!.valueReference.reference).toBe('Patient/1');
    expect(out.contained[0]!.subject.reference).toBe('Patient/1');
    expect(out.supportingInfo[0]!.reference).toBe('#o');
    expect(out.note[0]!.text).toBe('reference urn:uuid:a in prose stays');
    expect(resource.subject.reference).toBe('urn:uuid:a');
  });

  it('reports where each reference sits', () => {
    expect(collectReferences(resource).map((r) => r.path)).toEqual(['subject', 'extension[0].valueReference', 'contained[0].subject', 'supportingInfo[0]']);
    expect(collectReferences([{ op: 'add', path: '/subject', value: { reference: 'urn:uuid:a' } }])).toEqual([{ reference: 'urn:uuid:a', path: '[0].value' }]);
  });

  it('ignores non-string reference properties and primitives', () => {
    expect(collectReferences({ reference: 3, x: null, y: 'reference' })).toEqual([]);
    expect(rewriteReferences('text', () => 'x')).toBe('text');
  });
});

describe('reference kinds', () => {
  it('recognises conditional references and placeholders', () => {
    expect(isConditionalReference('Patient?identifier=http://example.org/fhir/NamingSystem/national-id|123456782')).toBe(true);
    expect(isConditionalReference('Patient/1')).toBe(false);
    expect(isConditionalReference('http://x/fhir/Patient?x=1')).toBe(false);
    expect(isPlaceholder('urn:uuid:5b7e2f0a-3c1d-4e8a-9f21-0d6c1a7b9e01')).toBe(true);
    expect(isPlaceholder('urn:oid:2.16.840.1.113883')).toBe(true);
    expect(isPlaceholder('urn:ietf:rfc:3986')).toBe(false);
  });

  it('finds the base of a RESTful fullUrl', () => {
    expect(baseOf('http://example.org/fhir/Patient/1')).toBe('http://example.org/fhir');
    expect(baseOf('http://example.org/fhir/Patient/1/_history/2')).toBe('http://example.org/fhir');
    expect(baseOf('urn:uuid:1')).toBeUndefined();
    expect(baseOf(undefined)).toBeUndefined();
  });
});

describe('resolveAgainstEntries', () => {
  const targets = new Map([
    ['urn:uuid:a', 'Patient/new-a'],
    ['http://example.org/fhir/Patient/temp', 'Patient/new-temp'],
  ]);

  it('resolves exact fullUrls and relative references against the entry base', () => {
    expect(resolveAgainstEntries('urn:uuid:a', 'http://server/fhir', targets)).toBe('Patient/new-a');
    expect(resolveAgainstEntries('http://example.org/fhir/Patient/temp', 'http://server/fhir', targets)).toBe('Patient/new-temp');
    expect(resolveAgainstEntries('Patient/temp', 'http://example.org/fhir', targets)).toBe('Patient/new-temp');
  });

  it('leaves references that name no entry', () => {
    expect(resolveAgainstEntries('Patient/temp', 'http://server/fhir', targets)).toBeUndefined();
    expect(resolveAgainstEntries('urn:uuid:b', 'http://server/fhir', targets)).toBeUndefined();
    expect(resolveAgainstEntries('#contained', 'http://example.org/fhir', targets)).toBeUndefined();
  });
});
