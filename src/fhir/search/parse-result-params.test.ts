import { DEFAULT_RESOURCE_TYPES } from '../../config.ts';
import { isBrugError } from '../../errors.ts';
import { loadDefinitions } from '../definitions/load-definitions.ts';
import { FhirErrors } from '../errors.ts';
import { parseSearch } from './parse-search.ts';

const defs = loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES });
const config = { baseUrl: 'https://server.example/fhir', defaultPageSize: 20, maxPageSize: 100 };

function parse(query: string, { system = false, strict = false } = {}) {
  return parseSearch([...new URLSearchParams(query)], { defs, config, resourceTypes: system ? undefined : ['Patient'], strict });
}
function thrown(fn: () => unknown): { code: string; message: string; expression?: readonly string[] } {
  try {
    fn();
  } catch (err) {
    if (isBrugError(err)) return err;
    throw err;
  }
  throw new Error('nothing thrown');
}

describe('parseSearch: paging and totals', () => {
  it('uses the default page size, caps _count at the maximum, and reads _offset', () => {
    expect(parse('').query).toMatchObject({ count: 20, offset: 0, total: 'none' });
    expect(parse('_count=5000&_offset=40').query).toMatchObject({ count: 100, offset: 40 });
  });

  it('_count=0 and _summary=count ask for the total only', () => {
    expect(parse('_count=0').query).toMatchObject({ count: 0, total: 'accurate' });
    expect(parse('_summary=count&_count=10').query).toMatchObject({ count: 0, total: 'accurate' });
    expect(parse('_total=estimate').query.total).toBe('estimate');
  });

  it.each(['_count=-1', '_count=ten', '_offset=1.5', '_total=all', '_summary=maybe'])('refuses %s', (query) => {
    expect(thrown(() => parse(query)).code).toBe(FhirErrors.invalidSearch.code);
  });
});

describe('parseSearch: _sort', () => {
  it('reads several keys, descending with "-", and _id/_lastUpdated', () => {
    expect(parse('_sort=-birthdate,name,_id,-_lastUpdated').query.sort).toEqual([
      { kind: 'param', param: 'birthdate', table: 'date', descending: true },
      { kind: 'param', param: 'name', table: 'string', descending: false },
      { kind: 'id', descending: false },
      { kind: 'last-updated', descending: true },
    ]);
  });

  it('leaves out an unknown sort key with a warning, or refuses it under strict handling', () => {
    const lenient = parse('_sort=shoe-size,name');
    expect(lenient.query.sort).toEqual([{ kind: 'param', param: 'name', table: 'string', descending: false }]);
    expect(lenient.warnings).toHaveLength(1);
    expect(thrown(() => parse('_sort=shoe-size', { strict: true })).code).toBe(FhirErrors.unknownSearchParameter.code);
  });
});

describe('parseSearch: _include and _revinclude', () => {
  it('reads Type:param, Type:param:Target, Type:*, * and :iterate', () => {
    const parsed = parse('_include=Patient:general-practitioner:Practitioner&_include=Patient:*&_revinclude:iterate=Task:patient&_include:recurse=*');
    expect(parsed.include).toEqual([
      { sourceType: 'Patient', param: 'general-practitioner', targetType: 'Practitioner', iterate: false },
      { sourceType: 'Patient', targetType: undefined, iterate: false },
      { sourceType: 'Patient', iterate: true },
    ]);
    expect(parsed.revinclude).toEqual([{ sourceType: 'Task', param: 'patient', targetType: undefined, iterate: true }]);
  });

  it('refuses a malformed include and one through a parameter that is no reference', () => {
    expect(() => parse('_include=Patient')).toThrow(/Type:parameter/);
    expect(() => parse('_include=Patient:gender')).toThrow(/not a reference parameter/);
  });

  it('warns about an include through an unknown parameter', () => {
    expect(parse('_include=Patient:nonsense').warnings[0]?.expression).toEqual(['nonsense']);
  });
});

describe('parseSearch: _summary, _elements, _type', () => {
  it('reads _summary and _elements', () => {
    expect(parse('_summary=text').summary).toBe('text');
    expect(parse('_elements=name, birthDate').elements).toEqual(['name', 'birthDate']);
  });

  it('narrows a system search with _type, and only allows common parameters without it', () => {
    expect(parse('_type=Patient,Practitioner&name=Jan', { system: true }).query).toMatchObject({
      resourceTypes: ['Patient', 'Practitioner'],
      filter: { kind: 'string', param: 'name', match: 'starts-with', value: 'Jan' },
    });
    expect(parse('_tag=x', { system: true }).query.resourceTypes).toEqual(DEFAULT_RESOURCE_TYPES);
    expect(parse('name=Jan', { system: true }).warnings[0]?.diagnostics).toMatch(/system-level search/);
    expect(() => parse('_type=Nonsense', { system: true })).toThrow(/"Nonsense" is not a resource type/);
  });
});

describe('parseSearch: lenient and strict handling', () => {
  it('lenient: leaves out unknown parameters and modifiers, with a not-supported warning naming them', () => {
    const parsed = parse('foo=1&name:fuzzy=x&gender=male');
    expect(parsed.query.filter).toEqual({ kind: 'token', param: 'gender', code: 'male' });
    expect(parsed.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'not-supported', expression: ['foo'] }),
      expect.objectContaining({ severity: 'warning', code: 'not-supported', expression: ['name:fuzzy'] }),
    ]);
  });

  it('strict: refuses unknown parameters, unsupported modifiers and unsupported parameter types', () => {
    expect(thrown(() => parse('foo=1', { strict: true }))).toMatchObject({ code: FhirErrors.unknownSearchParameter.code, expression: ['foo'] });
    expect(thrown(() => parse('name:fuzzy=x', { strict: true }))).toMatchObject({ code: FhirErrors.unsupportedModifier.code, expression: ['name:fuzzy'] });
    expect(thrown(() => parse('_text=x', { strict: true })).code).toBe(FhirErrors.unsupportedSearchParameter.code);
  });

  it('refuses malformed values even when lenient', () => {
    expect(thrown(() => parse('birthdate=13-13-13')).code).toBe(FhirErrors.invalidSearch.code);
    expect(thrown(() => parse('gender:missing=perhaps')).expression).toEqual(['gender:missing']);
  });

  it('links carry only the parameters that took effect, in order, without _count, _offset and _format', () => {
    expect(parse('foo=1&name=Jan&_count=5&_offset=5&_format=json&_sort=name&_include=Patient:organization').linkParams).toEqual([
      ['name', 'Jan'],
      ['_sort', 'name'],
      ['_include', 'Patient:organization'],
    ]);
  });
});
