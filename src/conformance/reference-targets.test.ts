import { referencedType, targetProblem } from './reference-targets.ts';

const scope = { resource: {}, rootResource: { resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'org' }] } };

describe('reference targets (references.html)', () => {
  it('reads the type from relative, absolute, versioned, conditional and contained references', () => {
    expect(referencedType('Patient/1', scope)).toBe('Patient');
    expect(referencedType('https://x.org/fhir/Practitioner/a-1/_history/2', scope)).toBe('Practitioner');
    expect(referencedType('Organization?identifier=http://fhir.nl/fhir/NamingSystem/ura|123', scope)).toBe('Organization');
    expect(referencedType('#org', scope)).toBe('Organization');
    expect(referencedType('urn:uuid:6f1c8a53-2f8e-4a4e-9d1c-3d0f2d6f1a01', scope)).toBeUndefined();
  });

  it('does not throw on a contained that is not a list of resources (a 500 found by a hostile-input run)', () => {
    for (const contained of [{ resourceType: 'Patient', id: 'a' }, 'x', [null, 1], [{ id: 'a', resourceType: 7 }]]) {
      expect(referencedType('#a', { resource: {}, rootResource: { resourceType: 'Observation', contained } })).toBeUndefined();
    }
  });

  it('says what is wrong with a reference to a type that is not allowed, also through Reference.type', () => {
    const allowed = new Set(['Organization', 'Practitioner']);
    expect(targetProblem({ reference: 'Patient/1' }, allowed, scope)).toMatch(/points to a Patient, which is not allowed here \(allowed: Organization, Practitioner\)/);
    expect(targetProblem({ type: 'Patient', identifier: { value: '1' } }, allowed, scope)).toMatch(/Reference.type "Patient"/);
    expect(targetProblem({ reference: '#org' }, allowed, scope)).toBeUndefined();
    expect(targetProblem({ display: 'Dr. X' }, allowed, scope)).toBeUndefined();
  });
});
