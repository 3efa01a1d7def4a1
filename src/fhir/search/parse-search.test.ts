import { DEFAULT_RESOURCE_TYPES } from '../../config.ts';
import type { Filter } from '../../store/index.ts';
import { loadDefinitions } from '../definitions/load-definitions.ts';
import { parseSearch } from './parse-search.ts';

const BASE = 'https://server.example/fhir';
const defs = loadDefinitions({ servedTypes: [...DEFAULT_RESOURCE_TYPES, 'Encounter', 'RiskAssessment'] });
const config = { baseUrl: BASE, defaultPageSize: 20, maxPageSize: 100 };

function parse(type: string, query: string, strict = false) {
  return parseSearch([...new URLSearchParams(query)], { defs, config, resourceTypes: [type], strict });
}
function filter(type: string, query: string): Filter | undefined {
  return parse(type, query).query.filter;
}
function error(type: string, query: string): string {
  try {
    parse(type, query);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${query} was accepted`);
}

describe('parseSearch: token', () => {
  it.each([
    ['status=final', { kind: 'token', param: 'status', code: 'final' }],
    ['code=http://loinc.org|1-8', { kind: 'token', param: 'code', system: 'http://loinc.org', code: '1-8' }],
    ['code=|1-8', { kind: 'token', param: 'code', system: null, code: '1-8' }],
    ['code=http://loinc.org|', { kind: 'token', param: 'code', system: 'http://loinc.org' }],
    ['code:text=weight', { kind: 'token', param: 'code', text: 'weight' }],
    ['identifier:of-type=http://t|MR|123', { kind: 'token', param: 'identifier:of-type', system: 'http://t|MR', code: '123' }],
    ['status:not=final', { kind: 'not', filter: { kind: 'token', param: 'status', code: 'final' } }],
    ['code=a\\|b', { kind: 'token', param: 'code', code: 'a|b' }],
  ])('%s', (query, expected) => {
    expect(filter('Observation', query)).toEqual(expected);
  });

  it('ORs comma-separated values and ANDs repeated parameters', () => {
    expect(filter('Observation', 'status=final,amended&status:not=cancelled')).toEqual({
      kind: 'and',
      filters: [
        { kind: 'or', filters: [{ kind: 'token', param: 'status', code: 'final' }, { kind: 'token', param: 'status', code: 'amended' }] },
        { kind: 'not', filter: { kind: 'token', param: 'status', code: 'cancelled' } },
      ],
    });
  });

  it('keeps an escaped comma inside one value', () => {
    expect(filter('Observation', 'code=a\\,b')).toEqual({ kind: 'token', param: 'code', code: 'a,b' });
  });
});

describe('parseSearch: string, uri, _id, :missing', () => {
  it.each([
    ['name=Mül', { kind: 'string', param: 'name', match: 'starts-with', value: 'Mül' }],
    ['name:exact=Müller', { kind: 'string', param: 'name', match: 'exact', value: 'Müller' }],
    ['name:contains=ll', { kind: 'string', param: 'name', match: 'contains', value: 'll' }],
    ['_id=a,b', { kind: 'id', ids: ['a', 'b'] }],
    ['birthdate:missing=true', { kind: 'missing', param: 'birthdate', table: 'date', missing: true }],
    ['_profile:below=http://nictiz.nl/', { kind: 'uri', param: '_profile', match: 'below', value: 'http://nictiz.nl/' }],
    ['_profile:above=http://x/a/b', { kind: 'uri', param: '_profile', match: 'above', value: 'http://x/a/b' }],
    ['_profile=http://x', { kind: 'uri', param: '_profile', match: 'exact', value: 'http://x' }],
  ])('%s', (query, expected) => {
    expect(filter('Patient', query)).toEqual(expected);
  });

  it('ignores parameters with an empty value', () => {
    expect(filter('Patient', 'name=&gender=')).toBeUndefined();
  });
});

describe('parseSearch: reference', () => {
  const ref = (value: string, name = 'subject') => filter('Observation', `${name}=${encodeURIComponent(value)}`);
  it.each([
    ['Patient/p1', { kind: 'reference', param: 'subject', targetTypes: ['Patient'], targetId: 'p1' }],
    ['Patient/p1/_history/2', { kind: 'reference', param: 'subject', targetTypes: ['Patient'], targetId: 'p1', targetVersion: '2' }],
    [`${BASE}/Patient/p1`, { kind: 'reference', param: 'subject', targetTypes: ['Patient'], targetId: 'p1' }],
    ['https://elsewhere/fhir/Patient/p1', { kind: 'reference', param: 'subject', url: 'https://elsewhere/fhir/Patient/p1' }],
    ['p1', { kind: 'reference', param: 'subject', targetId: 'p1' }],
  ])('%s', (value, expected) => {
    expect(ref(value)).toEqual(expected);
  });

  it('takes the target type from a :Type modifier', () => {
    expect(ref('p1', 'subject:Patient')).toEqual({ kind: 'reference', param: 'subject', targetTypes: ['Patient'], targetId: 'p1' });
    expect(error('Observation', 'subject:Patient=Group/g1')).toMatch(/is not a Patient/);
  });

  it('searches logical references with :identifier', () => {
    expect(ref('http://fhir.nl/fhir/NamingSystem/bsn|123', 'subject:identifier')).toEqual({
      kind: 'reference',
      param: 'subject',
      identifier: { system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '123' },
    });
    expect(ref('123', 'subject:identifier')).toEqual({ kind: 'reference', param: 'subject', identifier: { value: '123' } });
  });

  it('refuses what is no reference at all', () => {
    expect(error('Observation', 'subject=not a/reference')).toMatch(/Parameter "subject"/);
  });
});

describe('parseSearch: date', () => {
  it.each([
    ['2020', 'eq', '2020-01-01T00:00:00.000Z', '2020-12-31T23:59:59.999Z'],
    ['ge2020-03', 'ge', '2020-03-01T00:00:00.000Z', '2020-03-31T23:59:59.999Z'],
    ['lt2020-03-04', 'lt', '2020-03-04T00:00:00.000Z', '2020-03-04T23:59:59.999Z'],
    ['sa2020-03-04T10:00:00Z', 'sa', '2020-03-04T10:00:00.000Z', '2020-03-04T10:00:00.999Z'],
    ['eb2020-03-04T10:00:00+01:00', 'eb', '2020-03-04T09:00:00.000Z', '2020-03-04T09:00:00.999Z'],
    ['ap2020-03-04T10:00:00.250Z', 'ap', '2020-03-04T10:00:00.250Z', '2020-03-04T10:00:00.250Z'],
    ['ne2020', 'ne', '2020-01-01T00:00:00.000Z', '2020-12-31T23:59:59.999Z'],
  ])('%s', (value, comparator, low, high) => {
    expect(filter('Patient', `birthdate=${encodeURIComponent(value)}`)).toEqual({ kind: 'date', param: 'birthdate', comparator, low, high });
  });

  it('maps _lastUpdated to the resource column', () => {
    expect(filter('Patient', '_lastUpdated=gt2024-01-01')).toEqual({
      kind: 'last-updated', comparator: 'gt', low: '2024-01-01T00:00:00.000Z', high: '2024-01-01T23:59:59.999Z',
    });
  });

  it.each(['2020-13', 'xx2020', 'ge', '2020-01-01T25:00', 'yesterday'])('refuses birthdate=%s with a message naming the parameter', (value) => {
    expect(error('Patient', `birthdate=${value}`)).toMatch(/Parameter "birthdate"/);
  });
});

describe('parseSearch: number and quantity', () => {
  it('reads prefixes and implicit precision', () => {
    expect(filter('RiskAssessment', 'probability=0.8')).toEqual({ kind: 'number', param: 'probability', comparator: 'eq', value: '0.8', low: '0.75', high: '0.85' });
    expect(filter('RiskAssessment', 'probability=gt1e-1')).toEqual({ kind: 'number', param: 'probability', comparator: 'gt', value: '0.1', low: '0.05', high: '0.15' });
  });

  it('reads a quantity with and without system and code', () => {
    expect(filter('Observation', 'value-quantity=le5.4|http://unitsofmeasure.org|mg')).toEqual({
      kind: 'quantity', param: 'value-quantity', comparator: 'le', value: '5.4', low: '5.35', high: '5.45', system: 'http://unitsofmeasure.org', code: 'mg',
    });
    expect(filter('Observation', 'value-quantity=5.4||mg')).toEqual({ kind: 'quantity', param: 'value-quantity', comparator: 'eq', value: '5.4', low: '5.35', high: '5.45', code: 'mg' });
    expect(filter('Encounter', 'length=100')).toEqual({ kind: 'quantity', param: 'length', comparator: 'eq', value: '100', low: '99.5', high: '100.5' });
  });

  it.each(['probability=abc', 'probability=zz5', 'probability=5,x'])('refuses %s', (query) => {
    expect(error('RiskAssessment', query)).toMatch(/Parameter "probability"/);
  });

  it('refuses a quantity with two parts', () => {
    expect(error('Observation', 'value-quantity=5|mg')).toMatch(/number\|system\|code/);
  });
});
