import { parseValidateInput } from './validate-operation.ts';

describe('$validate input (resource-operation-validate.html)', () => {
  it('reads a Parameters body, a bare resource, and query parameters', () => {
    const patient = { resourceType: 'Patient' };
    expect(parseValidateInput({ resourceType: 'Parameters', parameter: [{ name: 'resource', resource: patient }, { name: 'mode', valueCode: 'create' }, { name: 'profile', valueCanonical: 'http://p' }] }, [])).toEqual({ resource: patient, mode: 'create', profile: 'http://p' });
    expect(parseValidateInput(patient, [['profile', 'http://q']])).toEqual({ resource: patient, profile: 'http://q' });
    expect(() => parseValidateInput(patient, [['mode', 'wipe']])).toThrow(/mode must be one of/);
  });

  it('treats a Parameters resource posted to Parameters/$validate as the resource to validate', () => {
    const params = { resourceType: 'Parameters', parameter: [{ name: 'x', valueString: 'y' }] };
    expect(parseValidateInput(params, [], 'Parameters')).toEqual({ resource: params });
  });
});
