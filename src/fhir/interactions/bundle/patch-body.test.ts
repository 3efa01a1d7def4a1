import { BrugError } from '../../../errors.ts';
import { patchBody } from './patch-body.ts';

const codeOf = (resource: unknown): string => {
  try {
    patchBody(resource, 'Bundle.entry[0]');
  } catch (err) {
    if (err instanceof BrugError) return err.code;
  }
  return 'accepted';
};

describe('patchBody', () => {
  it('decodes base64 JSON from a json-patch Binary', () => {
    const data = Buffer.from('[{"op":"replace","path":"/active","value":false}]').toString('base64');
    expect(patchBody({ resourceType: 'Binary', contentType: 'application/json-patch+json', data }, 'Bundle.entry[0]')).toEqual({
      body: [{ op: 'replace', path: '/active', value: false }],
      contentType: 'application/json-patch+json',
    });
  });

  it('passes a FHIRPath Patch Parameters resource on as it is', () => {
    const parameters = { resourceType: 'Parameters', parameter: [] };
    expect(patchBody(parameters, 'Bundle.entry[0]')).toEqual({ body: parameters, contentType: 'application/fhir+json' });
  });

  it('refuses other resources and content types, missing and broken data', () => {
    expect(codeOf({ resourceType: 'Patient' })).toBe('BRUG_FHIR_INVALID_PATCH');
    expect(codeOf(undefined)).toBe('BRUG_FHIR_INVALID_PATCH');
    expect(codeOf({ resourceType: 'Binary', contentType: 'application/xml-patch+xml', data: 'AA==' })).toBe('BRUG_FHIR_INVALID_PATCH');
    expect(codeOf({ resourceType: 'Binary', contentType: 'application/json-patch+json' })).toBe('BRUG_FHIR_INVALID_PATCH');
    expect(codeOf({ resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from('niet json').toString('base64') })).toBe('BRUG_FHIR_INVALID_PATCH');
  });
});
