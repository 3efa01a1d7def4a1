import type { ValueSet } from '@medplum/fhirtypes';
import type { FhirRequest } from '../request.ts';
import { isBrugError } from '../../errors.ts';
import { OperationInput } from './operation-input.ts';

function get(query: [string, string][]): OperationInput {
  return new OperationInput({ method: 'GET', path: 'ValueSet/$expand', query, headers: {} }, 'expand');
}

function post(parameter: unknown[]): OperationInput {
  const request: FhirRequest = { method: 'POST', path: 'ValueSet/$expand', query: [], headers: {}, body: { resourceType: 'Parameters', parameter } };
  return new OperationInput(request, 'expand');
}

function failure(fn: () => unknown): { code: string; expression?: readonly string[] } | undefined {
  try {
    fn();
  } catch (err) {
    if (isBrugError(err)) return { code: err.code, expression: err.expression };
    throw err;
  }
  return undefined;
}

describe('OperationInput', () => {
  it('reads primitives from the query', () => {
    const input = get([['url', 'http://x'], ['count', '10'], ['activeOnly', 'true'], ['coding', 'http://s|c']]);
    expect(input.string('url')).toBe('http://x');
    expect(input.integer('count')).toBe(10);
    expect(input.boolean('activeOnly')).toBe(true);
    expect(input.coding('coding')).toEqual({ system: 'http://s', code: 'c' });
    expect(input.string('filter')).toBeUndefined();
  });

  it('reads every type from a Parameters body', () => {
    const input = post([
      { name: 'url', valueUri: 'http://x' },
      { name: 'count', valueInteger: 3 },
      { name: 'activeOnly', valueBoolean: false },
      { name: 'coding', valueCoding: { system: 's', code: 'c' } },
      { name: 'codeableConcept', valueCodeableConcept: { coding: [{ code: 'c' }] } },
      { name: 'valueSet', resource: { resourceType: 'ValueSet', status: 'active' } },
      { name: 'property', valueCode: 'parent' },
      { name: 'property', valueCode: 'child' },
    ]);
    expect(input.string('url')).toBe('http://x');
    expect(input.integer('count')).toBe(3);
    expect(input.boolean('activeOnly')).toBe(false);
    expect(input.coding('coding')?.code).toBe('c');
    expect(input.codeableConcept('codeableConcept')?.coding).toHaveLength(1);
    expect(input.resource<ValueSet>('valueSet', 'ValueSet')?.status).toBe('active');
    expect(input.strings('property')).toEqual(['parent', 'child']);
  });

  it('names the query parameter, or the Parameters entry, that is wrong', () => {
    expect(failure(() => get([['count', 'ten']]).integer('count'))).toEqual({ code: 'BRUG_FHIR_OPERATION_PARAMETER', expression: ['count'] });
    expect(failure(() => get([['offset', '-1']]).integer('offset'))?.expression).toEqual(['offset']);
    expect(failure(() => get([['activeOnly', 'yes']]).boolean('activeOnly'))?.expression).toEqual(['activeOnly']);
    expect(failure(() => post([{ name: 'url', valueUri: 'a' }, { name: 'count', valueString: 'x' }]).integer('count'))?.expression).toEqual(['Parameters.parameter[1]']);
    expect(failure(() => post([{ name: 'url', valueUri: 'a' }, { name: 'url', valueUri: 'b' }]).string('url'))?.expression).toEqual(['Parameters.parameter[1]']);
    expect(failure(() => get([['codeableConcept', 'x']]).codeableConcept('codeableConcept'))?.code).toBe('BRUG_FHIR_OPERATION_PARAMETER');
    expect(failure(() => post([{ name: 'valueSet', resource: { resourceType: 'CodeSystem' } }]).resource('valueSet', 'ValueSet'))?.code).toBe('BRUG_FHIR_OPERATION_PARAMETER');
  });

  it('points at where a missing parameter would have been', () => {
    expect(get([]).where('url')).toBe('url');
    expect(post([]).where('url')).toBe("Parameters.parameter.where(name = 'url')");
  });

  it('refuses a POST body that is not Parameters, and an entry without a name', () => {
    const request: FhirRequest = { method: 'POST', path: 'ValueSet/$expand', query: [], headers: {}, body: { resourceType: 'ValueSet' } };
    expect(failure(() => new OperationInput(request, 'expand'))).toEqual({ code: 'BRUG_FHIR_OPERATION_NOT_PARAMETERS', expression: ['resourceType'] });
    expect(failure(() => post([{ valueString: 'x' }]))?.expression).toEqual(['Parameters.parameter[0]']);
  });

  it('refuses parameters outside the list an operation reads, but not the engine\'s own query parameters', () => {
    const request: FhirRequest = { method: 'GET', path: 'Measure/$evaluate-measure', query: [['_format', 'json'], ['periodStart', '2026'], ['subject', 'Patient/1']], headers: {} };
    expect(failure(() => new OperationInput(request, 'evaluate-measure', { known: ['periodStart'] }))).toEqual({ code: 'BRUG_FHIR_OPERATION_UNSUPPORTED_PARAMETER', expression: ['subject'] });
    expect(new OperationInput({ ...request, query: request.query.slice(0, 2) }, 'evaluate-measure', { known: ['periodStart'] }).string('periodStart')).toBe('2026');
  });

  it('takes a bare resource as the body when the operation says which parameter it is', () => {
    const patient = { resourceType: 'Patient' };
    const request: FhirRequest = { method: 'POST', path: 'Patient/$validate', query: [['mode', 'create']], headers: {}, body: patient };
    const input = new OperationInput(request, 'validate', { bodyIs: 'resource' });
    expect(input.resource('resource')).toBe(patient);
    expect(input.string('mode')).toBe('create');
  });
});
