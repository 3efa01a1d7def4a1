import { DEFAULT_RESOURCE_TYPES } from '../../config.ts';
import type { Filter } from '../../store/index.ts';
import { loadDefinitions } from '../definitions/load-definitions.ts';
import { parseSearch } from './parse-search.ts';

const defs = loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES });
const config = { baseUrl: 'https://server.example/fhir', defaultPageSize: 20, maxPageSize: 100 };

function parse(type: string, query: string, strict = false) {
  return parseSearch([...new URLSearchParams(query)], { defs, config, resourceTypes: [type], strict });
}
const filter = (type: string, query: string): Filter | undefined => parse(type, query).query.filter;

describe('parseSearch: chaining', () => {
  it('chains through a typed reference', () => {
    expect(filter('Task', 'subject:Patient.name=Jan')).toEqual({
      kind: 'chain', param: 'subject', targetTypes: ['Patient'], filter: { kind: 'string', param: 'name', match: 'starts-with', value: 'Jan' },
    });
  });

  it('without a type, tries every served target type that has the parameter', () => {
    const chain = filter('Task', 'owner.name=Wijk') as Extract<Filter, { kind: 'chain' }>;
    expect(chain.kind).toBe('chain');
    expect(chain.targetTypes.sort()).toEqual(['HealthcareService', 'Organization', 'Patient', 'Practitioner']);
  });

  it('keeps modifiers and prefixes of the chained parameter', () => {
    expect(filter('Task', 'patient.birthdate=ge1950&patient.name:exact=Jan')).toEqual({
      kind: 'and',
      filters: [
        { kind: 'chain', param: 'patient', targetTypes: ['Patient'], filter: { kind: 'date', param: 'birthdate', comparator: 'ge', low: '1950-01-01T00:00:00.000Z', high: '1950-12-31T23:59:59.999Z' } },
        { kind: 'chain', param: 'patient', targetTypes: ['Patient'], filter: { kind: 'string', param: 'name', match: 'exact', value: 'Jan' } },
      ],
    });
  });

  it('chains more than one level', () => {
    expect(filter('Task', 'owner:PractitionerRole.organization:Organization.name=Wijk')).toEqual({
      kind: 'chain', param: 'owner', targetTypes: ['PractitionerRole'],
      filter: { kind: 'chain', param: 'organization', targetTypes: ['Organization'], filter: { kind: 'string', param: 'name', match: 'starts-with', value: 'Wijk' } },
    });
  });

  it('refuses to chain a parameter that is no reference', () => {
    expect(() => parse('Task', 'status.name=x')).toThrow(/not a reference parameter/);
  });

  it('ignores a chain to a parameter no target type has, with a warning', () => {
    const parsed = parse('Task', 'patient.nonsense=x');
    expect(parsed.query.filter).toBeUndefined();
    expect(parsed.warnings[0]?.expression).toEqual(['patient.nonsense']);
  });
});

describe('parseSearch: _has', () => {
  it('reverse-chains from the referring type', () => {
    expect(filter('Patient', '_has:Observation:patient:code=1-8')).toEqual({
      kind: 'has', sourceType: 'Observation', param: 'patient', filter: { kind: 'token', param: 'code', code: '1-8' },
    });
  });

  it('nests, and combines with modifiers', () => {
    expect(filter('Patient', '_has:Observation:patient:_has:Task:focus:status:not=cancelled')).toEqual({
      kind: 'has', sourceType: 'Observation', param: 'patient',
      filter: { kind: 'has', sourceType: 'Task', param: 'focus', filter: { kind: 'not', filter: { kind: 'token', param: 'status', code: 'cancelled' } } },
    });
  });

  it('refuses malformed _has parameters and ones that cannot point here', () => {
    expect(() => parse('Patient', '_has:Observation:code=x')).toThrow(/_has:Type:reference-parameter:parameter/);
    expect(() => parse('Patient', '_has:Observation:status:code=x')).toThrow(/not a reference parameter/);
    expect(() => parse('Patient', '_has:Task:part-of:status=x')).toThrow(/does not refer to Patient/);
    expect(() => parse('Patient', '_has:Nonsense:patient:code=x')).toThrow(/not a resource type/);
  });

  it('refuses _has nested deeper than MAX_HAS_DEPTH and chains longer than MAX_CHAIN_DEPTH, naming the limit', () => {
    expect(parse('Patient', '_has:Task:patient:_has:Task:part-of:status=x').query.filter).toMatchObject({ kind: 'has' });
    const deep = '_has:Task:patient:_has:Task:part-of:_has:Task:part-of:status=x';
    expect(() => parse('Patient', deep)).toThrow(/_has nested 3 deep, more than 2 \(MAX_HAS_DEPTH=2\)/);
    expect(parse('Task', 'subject:Patient.organization.partof.name=x').query.filter).toMatchObject({ kind: 'chain' });
    expect(() => parse('Task', 'subject:Patient.organization.partof.partof.name=x')).toThrow(/a chain of 4 links, more than 3 \(MAX_CHAIN_DEPTH=3\)/);
  });
});
