import type { Observation, Patient } from '@medplum/fhirtypes';
import { loadDefinitions } from '../definitions/load-definitions.ts';
import { applyElements, applySummary, SUBSETTED } from './subsetting.ts';

const defs = loadDefinitions({ servedTypes: ['Patient', 'Observation'] });

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { versionId: '1', tag: [{ system: 'http://x', code: 'keep' }] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Anna</div>' },
  name: [{ family: 'Jansen' }],
  birthDate: '1958-03-14',
  _birthDate: { extension: [{ url: 'http://x/accuracy', valueCode: 'day' }] },
  photo: [{ contentType: 'image/png', data: 'AAAA' }],
  contact: [{ name: { family: 'Jansen' } }],
} as Patient;

describe('applySummary', () => {
  it('true: keeps the summary elements (with their primitive extensions) and marks the subset', () => {
    const out = applySummary(patient, 'true', defs) as Patient;
    expect(Object.keys(out).sort()).toEqual(['_birthDate', 'birthDate', 'id', 'meta', 'name', 'resourceType']);
    expect(out.meta?.tag).toEqual([{ system: 'http://x', code: 'keep' }, SUBSETTED]);
  });

  it('text: keeps text, id, meta and mandatory elements', () => {
    const obs: Observation = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'x' }, text: patient.text, valueString: 'v', subject: { reference: 'Patient/p1' } };
    expect(Object.keys(applySummary(obs, 'text', defs)).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'text']);
  });

  it('data: drops only the narrative', () => {
    const out = applySummary(patient, 'data', defs);
    expect(out).not.toHaveProperty('text');
    expect(out).toHaveProperty('photo');
    expect(out).toHaveProperty('contact');
  });

  it('false leaves the resource untouched, and marking twice adds one tag', () => {
    expect(applySummary(patient, 'false', defs)).toBe(patient);
    const twice = applySummary(applySummary(patient, 'data', defs), 'data', defs);
    expect(twice.meta?.tag?.filter((t) => t.code === 'SUBSETTED')).toHaveLength(1);
    expect(patient.meta?.tag).toHaveLength(1);
  });
});

describe('applyElements', () => {
  it('keeps the named elements plus id, meta and mandatory ones', () => {
    const out = applyElements(patient, ['birthDate'], defs);
    expect(Object.keys(out).sort()).toEqual(['_birthDate', 'birthDate', 'id', 'meta', 'resourceType']);
  });

  it('finds choice elements by their base name and accepts Type.element', () => {
    const obs: Observation = { resourceType: 'Observation', id: 'o', status: 'final', code: { text: 'x' }, valueQuantity: { value: 1 }, issued: '2020-01-01T00:00:00Z' };
    expect(Object.keys(applyElements(obs, ['value'], defs)).sort()).toEqual(['code', 'id', 'meta', 'resourceType', 'status', 'valueQuantity']);
    expect(applyElements(obs, ['Observation.issued'], defs)).toHaveProperty('issued');
  });
});
