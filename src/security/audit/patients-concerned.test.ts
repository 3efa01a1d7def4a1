import { patientsConcerned } from './patients-concerned.ts';

describe('patientsConcerned', () => {
  it('is the Patient itself for a Patient', () => {
    expect(patientsConcerned({ resourceType: 'Patient', id: 'p1', link: [{ other: { reference: 'Patient/p2' } }] })).toEqual(['Patient/p1']);
  });

  it('follows subject, patient, for and beneficiary to a Patient, once each', () => {
    expect(patientsConcerned({ resourceType: 'Task', for: { reference: 'Patient/p1' }, owner: { reference: 'Organization/o1' } })).toEqual(['Patient/p1']);
    expect(patientsConcerned({ resourceType: 'Consent', patient: { reference: 'https://host/fhir/Patient/p2/_history/3' } })).toEqual(['Patient/p2']);
    expect(patientsConcerned({ resourceType: 'Coverage', beneficiary: { reference: 'Patient/p3' }, subject: { reference: 'Patient/p3' } })).toEqual(['Patient/p3']);
  });

  it('ignores references to other types, logical and contained references, and non-resources', () => {
    expect(patientsConcerned({ resourceType: 'MeasureReport', subject: { reference: 'Group/g1' } })).toEqual([]);
    expect(patientsConcerned({ resourceType: 'Observation', subject: { identifier: { value: '999911120' }, type: 'Patient' } })).toEqual([]);
    expect(patientsConcerned({ resourceType: 'Observation', subject: { reference: '#p' } })).toEqual([]);
    expect(patientsConcerned(undefined)).toEqual([]);
    expect(patientsConcerned('Patient/p1')).toEqual([]);
  });
});
