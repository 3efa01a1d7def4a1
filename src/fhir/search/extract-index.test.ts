import type { Resource } from '@medplum/fhirtypes';
import { DEFAULT_RESOURCE_TYPES } from '../../config.ts';
import { loadDefinitions } from '../definitions/load-definitions.ts';
import { createIndexer, rewriteResolve } from './extract-index.ts';

const BASE = 'https://server.example/fhir';
const defs = loadDefinitions({ servedTypes: [...DEFAULT_RESOURCE_TYPES, 'Encounter', 'Invoice', 'RiskAssessment'] });
const index = createIndexer(defs, BASE);

type Rows = ReturnType<typeof index>;

/** The rows of one parameter, without the parameter name. */
function rows<K extends keyof Rows>(resource: object, table: K, param: string): Omit<Rows[K][number], 'param'>[] {
  return (index(resource as Resource)[table] as Rows[K][number][]).filter((r) => r.param === param).map(({ param: _p, ...rest }) => rest);
}

describe('createIndexer: token', () => {
  it('indexes codes, Codings, CodeableConcepts (with their text) and booleans', () => {
    const obs = { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '1-8', display: 'Weight' }], text: 'Gewicht' } };
    expect(rows(obs, 'token', 'status')).toEqual([{ system: null, code: 'final', text: null }]);
    expect(rows(obs, 'token', 'code')).toEqual([
      { system: 'http://loinc.org', code: '1-8', text: 'Weight' },
      { system: null, code: null, text: 'Gewicht' },
    ]);
    expect(rows({ resourceType: 'Patient', active: true }, 'token', 'active')).toEqual([{ system: null, code: 'true', text: null }]);
  });

  it('indexes an Identifier by system and value, its type text, and its type codes for :of-type', () => {
    const patient = { resourceType: 'Patient', identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '123', type: { text: 'BSN', coding: [{ system: 'http://t', code: 'NI' }] } }] };
    expect(rows(patient, 'token', 'identifier')).toEqual([{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', code: '123', text: 'BSN' }]);
    expect(rows(patient, 'token', 'identifier:of-type')).toEqual([{ system: 'http://t|NI', code: '123', text: null }]);
  });

  it('indexes a ContactPoint by its system and value, and follows where() filters in expressions', () => {
    const patient = { resourceType: 'Patient', telecom: [{ system: 'email', value: 'a@b.nl' }, { system: 'phone', value: '0612' }] };
    expect(rows(patient, 'token', 'email')).toEqual([{ system: 'email', code: 'a@b.nl', text: null }]);
    expect(rows(patient, 'token', 'phone')).toEqual([{ system: 'phone', code: '0612', text: null }]);
  });

  it('indexes meta tags and security labels, but not _id or _lastUpdated (they are resource columns)', () => {
    const patient = { resourceType: 'Patient', id: 'p1', meta: { lastUpdated: '2020-01-01T00:00:00Z', tag: [{ system: 's', code: 't' }], security: [{ code: 'R' }] } };
    expect(rows(patient, 'token', '_tag')).toEqual([{ system: 's', code: 't', text: null }]);
    expect(rows(patient, 'token', '_security')).toEqual([{ system: null, code: 'R', text: null }]);
    expect(rows(patient, 'token', '_id')).toEqual([]);
    expect(rows(patient, 'date', '_lastUpdated')).toEqual([]);
  });
});

describe('createIndexer: string and uri', () => {
  it('indexes every part of a HumanName and an Address', () => {
    const patient = { resourceType: 'Patient', name: [{ family: 'Müller', given: ['Anna', 'Maria'], prefix: ['dr.'], text: 'Anna Müller' }], address: [{ line: ['Straat 1'], city: 'Utrecht', postalCode: '3511AA' }] };
    expect(rows(patient, 'string', 'name').map((r) => r.value)).toEqual(['Müller', 'Anna', 'Maria', 'dr.', 'Anna Müller']);
    expect(rows(patient, 'string', 'family')).toEqual([{ value: 'Müller' }]);
    expect(rows(patient, 'string', 'address').map((r) => r.value)).toEqual(['Straat 1', 'Utrecht', '3511AA']);
    expect(rows(patient, 'string', 'address-city')).toEqual([{ value: 'Utrecht' }]);
  });

  it('caps very long strings so the index entry stays small', () => {
    const org = { resourceType: 'Organization', name: 'x'.repeat(5000) };
    expect(rows(org, 'string', 'name')[0]!.value).toHaveLength(512);
  });

  it('indexes uris and canonicals, a versioned canonical also without its version', () => {
    expect(rows({ resourceType: 'ValueSet', url: 'http://vs/1' }, 'uri', 'url')).toEqual([{ value: 'http://vs/1' }]);
    const patient = { resourceType: 'Patient', meta: { profile: ['http://p|2.0'] } };
    expect(rows(patient, 'uri', '_profile')).toEqual([{ value: 'http://p' }, { value: 'http://p|2.0' }]);
  });
});

describe('createIndexer: reference', () => {
  const ref = (reference: object) => rows({ resourceType: 'Task', status: 'requested', intent: 'order', owner: reference }, 'reference', 'owner');
  const none = { targetType: null, targetId: null, targetVersion: null, url: null, identifierSystem: null, identifierValue: null };

  it('reads relative, versioned and own-base absolute references as local', () => {
    expect(ref({ reference: 'Organization/o1' })).toEqual([{ ...none, targetType: 'Organization', targetId: 'o1' }]);
    expect(ref({ reference: 'Organization/o1/_history/3' })).toEqual([{ ...none, targetType: 'Organization', targetId: 'o1', targetVersion: '3' }]);
    expect(ref({ reference: `${BASE}/Organization/o1` })).toEqual([{ ...none, targetType: 'Organization', targetId: 'o1' }]);
  });

  it('keeps other absolute URLs as URLs and logical references by identifier', () => {
    expect(ref({ reference: 'https://elsewhere/fhir/Organization/o1' })).toEqual([{ ...none, url: 'https://elsewhere/fhir/Organization/o1' }]);
    expect(ref({ type: 'Organization', identifier: { system: 'http://fhir.nl/fhir/NamingSystem/ura', value: '42' } })).toEqual([
      { ...none, targetType: 'Organization', identifierSystem: 'http://fhir.nl/fhir/NamingSystem/ura', identifierValue: '42' },
    ]);
  });

  it('leaves no row for urn:uuid, contained or display-only references', () => {
    expect(ref({ reference: 'urn:uuid:0b9e8c3e-2d9b-4c1a-9b8e-1f2d3c4b5a69' })).toEqual([]);
    expect(ref({ reference: '#contained' })).toEqual([]);
    expect(ref({ display: 'Somebody' })).toEqual([]);
  });

  it('turns where(resolve() is Patient) into a check on the reference type', () => {
    const task = (reference: string) => ({ resourceType: 'Task', status: 'requested', intent: 'order', for: { reference } });
    expect(rows(task('Patient/p1'), 'reference', 'patient')).toHaveLength(1);
    expect(rows(task(`${BASE}/Patient/p1`), 'reference', 'patient')).toHaveLength(1);
    expect(rows(task('Group/g1'), 'reference', 'patient')).toEqual([]);
    expect(rows(task('Group/g1'), 'reference', 'subject')).toHaveLength(1);
    expect(rewriteResolve('Task.for.where(resolve() is Patient)')).not.toContain('resolve()');
  });
});

describe('createIndexer: date, number, quantity', () => {
  it('indexes dates by the range their precision stands for', () => {
    expect(rows({ resourceType: 'Patient', birthDate: '1980-02' }, 'date', 'birthdate')).toEqual([{ low: '1980-02-01T00:00:00.000Z', high: '1980-02-29T23:59:59.999Z' }]);
    const task = { resourceType: 'Task', status: 'requested', intent: 'order', authoredOn: '2024-01-01T10:00:00+01:00' };
    expect(rows(task, 'date', 'authored-on')).toEqual([{ low: '2024-01-01T09:00:00.000Z', high: '2024-01-01T09:00:00.999Z' }]);
  });

  it('indexes a Period with open ends, and choice types such as effective[x]', () => {
    const task = { resourceType: 'Task', status: 'requested', intent: 'order', executionPeriod: { start: '2024-01-01' } };
    expect(rows(task, 'date', 'period')).toEqual([{ low: '2024-01-01T00:00:00.000Z', high: null }]);
    const obs = { resourceType: 'Observation', status: 'final', code: {}, effectiveDateTime: '2021-06-01' };
    expect(rows(obs, 'date', 'date')).toEqual([{ low: '2021-06-01T00:00:00.000Z', high: '2021-06-01T23:59:59.999Z' }]);
  });

  it('indexes a Timing by the span of its events and bounds', () => {
    const carePlan = { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: 'Patient/p' }, activity: [{ detail: { status: 'scheduled', scheduledTiming: { event: ['2024-03-01', '2024-01-15'] } } }] };
    expect(rows(carePlan, 'date', 'activity-date')).toEqual([{ low: '2024-01-15T00:00:00.000Z', high: '2024-03-01T23:59:59.999Z' }]);
  });

  it('indexes numbers and quantities with their implicit precision', () => {
    const obs = { resourceType: 'Observation', status: 'final', code: {}, valueQuantity: { value: 5.4, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } };
    expect(rows(obs, 'quantity', 'value-quantity')).toEqual([{ value: '5.4', low: '5.35', high: '5.45', system: 'http://unitsofmeasure.org', code: 'mg', unit: 'mg' }]);
    const encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, length: { value: 30, unit: 'min' } };
    expect(rows(encounter, 'quantity', 'length')).toEqual([{ value: '30', low: '29.5', high: '30.5', system: null, code: null, unit: 'min' }]);
    const invoice = { resourceType: 'Invoice', status: 'issued', totalGross: { value: 12.5, currency: 'EUR' } };
    expect(rows(invoice, 'quantity', 'totalgross')).toEqual([{ value: '12.5', low: '12.45', high: '12.55', system: 'urn:iso:std:iso:4217', code: 'EUR', unit: 'EUR' }]);
  });

  it('indexes a number parameter, and skips the choices of another type', () => {
    const risk = (probability: object) => ({ resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/p' }, prediction: [probability] });
    expect(rows(risk({ probabilityDecimal: 0.75 }), 'number', 'probability')).toEqual([{ value: '0.75', low: '0.745', high: '0.755' }]);
    expect(rows(risk({ probabilityRange: { low: { value: 1 } } }), 'number', 'probability')).toEqual([]);
  });
});
