import { buildValidator, US_CORE } from '../../test/conformance/validator-fixture.ts';

const { validator } = buildValidator();
const errors = async (resource: unknown, profiles: string[] = []) =>
  (await validator.validate(resource, { profiles })).issues.filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.diagnostics}`);

const patient = {
  resourceType: 'Patient',
  meta: { profile: [`${US_CORE}us-core-patient`] },
  identifier: [{ system: 'urn:oid:1.2.3', value: '1' }],
  name: [{ family: 'Jansen' }],
  gender: 'female',
  extension: [
    { url: `${US_CORE}us-core-race`, extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3' } }, { url: 'text', valueString: 'White' }] },
    { url: `${US_CORE}us-core-birthsex`, valueCode: 'F' },
  ],
};

const bloodPressure = (components: { code: string; value: number }[]) => ({
  resourceType: 'Observation',
  meta: { profile: [`${US_CORE}us-core-blood-pressure`] },
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
  subject: { reference: 'Patient/1' },
  effectiveDateTime: '2024-01-01T10:00:00Z',
  component: components.map((c) => ({ code: { coding: [{ system: 'http://loinc.org', code: c.code }] }, valueQuantity: { value: c.value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' } })),
});

describe('ProfileWalker (profiles in meta.profile, US Core 5 as the test corpus)', () => {
  it('accepts a conforming US Core patient with its extensions', async () => {
    expect(await errors(patient)).toEqual([]);
  });

  it('checks cardinality the profile narrows, at the element', async () => {
    const { identifier: _dropped, ...noIdentifier } = patient;
    expect(await errors(noIdentifier)).toEqual(['Patient.identifier: Patient.identifier: at least 1 required by the profile, found 0 (us-core-patient)']);
  });

  it('checks extensions against their definitions: value types and nested extensions', async () => {
    const wrong = { ...patient, extension: [{ url: `${US_CORE}us-core-race`, extension: [{ url: 'text', valueBoolean: true }] }, { url: `${US_CORE}us-core-birthsex`, valueString: 'F' }] };
    expect(await errors(wrong)).toEqual([
      'Patient.extension[0].extension[0].valueBoolean: Type boolean is not allowed here by the profile (allowed: string) (us-core-race)',
      'Patient.extension[1].valueString: Type string is not allowed here by the profile (allowed: code) (us-core-birthsex)',
    ]);
  });

  it('counts slices (by pattern on code) and checks each slice’s content', async () => {
    expect(await errors(bloodPressure([{ code: '8480-6', value: 120 }, { code: '8462-4', value: 80 }]))).toEqual([]);
    const missing = await errors(bloodPressure([{ code: '8480-6', value: 120 }]));
    expect(missing).toEqual(expect.arrayContaining([expect.stringMatching(/^Observation.component: Slice "diastolic" .* at least 1 required by the profile, found 0 \(us-core-blood-pressure\)$/)]));
  });

  it('checks invariants a profile adds, with fhirpath or compiled', async () => {
    const bp = { ...bloodPressure([{ code: '8480-6', value: 120 }, { code: '8462-4', value: 80 }]), effectiveDateTime: '2024-01' };
    expect(await errors(bp)).toEqual([expect.stringMatching(/^Observation.effectiveDateTime: Constraint failed: vs-1/)]);
  });

  it('checks fixed values and patterns of a base R4 profile', async () => {
    const weight = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
      subject: { reference: 'Patient/1' },
      effectiveDateTime: '2024-01-01',
      valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    const bodyweight = 'http://hl7.org/fhir/StructureDefinition/bodyweight';
    expect(await errors(weight, [bodyweight])).toEqual([]);
    const wrongSystem = { ...weight, valueQuantity: { ...weight.valueQuantity, system: 'http://example.org/units' } };
    expect((await errors(wrongSystem, [bodyweight])).join('\n')).toMatch(/Observation.valueQuantity.system: Value must be exactly "http:\/\/unitsofmeasure.org"/);
  });

  it('says which profile a resource of another type cannot be checked against, and warns for unknown profiles', async () => {
    expect(await errors({ resourceType: 'Patient' }, ['http://hl7.org/fhir/StructureDefinition/bodyweight'])).toEqual(['Patient: Profile http://hl7.org/fhir/StructureDefinition/bodyweight constrains Observation, not Patient']);
    const report = await validator.validate({ resourceType: 'Patient', meta: { profile: ['http://example.org/unknown'] } });
    expect(report.profileError).toBe(false);
    expect(report.issues.map((i) => i.severity)).toEqual(['warning']);
  });
});
