import { BrugError } from '../../../errors.ts';
import { FhirErrors } from '../../errors.ts';
import type { FhirRequest } from '../../request.ts';
import { atEntry } from './entry-error.ts';

const request: FhirRequest = { method: 'PUT', path: 'Patient', query: [['identifier', 'http://example.org/fhir/NamingSystem/national-id|123456782']], headers: {}, body: { resourceType: 'Patient' } };

describe('atEntry', () => {
  it('keeps code and category, names the entry, and places resource expressions in the Bundle', () => {
    const err = atEntry(FhirErrors.idMismatch(['a', 'b'], { expression: ['id'] }), { index: 2, request }) as BrugError;
    expect(err.code).toBe('BRUG_FHIR_ID_MISMATCH');
    expect(err.category).toBe('invalid');
    expect(err.message.startsWith('Bundle.entry[2] (PUT Patient?…): ')).toBe(true);
    expect(err.message).not.toContain('123456782');
    expect(err.expression).toEqual(['Bundle.entry[2]', 'Bundle.entry[2].resource.id']);
  });

  it('rewrites issue expressions, including ones that start with the resource type', () => {
    const issues = [
      { severity: 'error' as const, code: 'required', diagnostics: 'name is required', expression: ['Patient.name'] },
      { severity: 'warning' as const, code: 'informational', diagnostics: 'no location' },
    ];
    const err = atEntry(new BrugError('X', 'business-rule', 'invalid', { issues }), { index: 0, request: { ...request, path: 'Patient/1', query: [] } }) as BrugError;
    expect(err.issues?.map((i) => i.expression)).toEqual([['Bundle.entry[0].resource.name'], ['Bundle.entry[0]']]);
    expect(err.issues?.[0]?.diagnostics).toBe('Bundle.entry[0]: name is required');
  });

  it('leaves errors already located, and faults, untouched', () => {
    const located = FhirErrors.invalidBundle(['Bundle.entry[1].request.url is required'], { expression: ['Bundle.entry[1].request.url'] });
    expect(atEntry(located, { index: 1, request })).toBe(located);
    const fault = new Error('connection reset');
    expect(atEntry(fault, { index: 1, request })).toBe(fault);
  });
});

describe('atEntry for entries without a resource', () => {
  it('keeps expressions that name a search parameter', () => {
    const search: FhirRequest = { method: 'GET', path: 'Patient', query: [['bogus', '1']], headers: {} };
    const err = atEntry(FhirErrors.unknownSearchParameter(['bogus', 'Patient'], { expression: ['bogus'] }), { index: 4, request: search }) as BrugError;
    expect(err.expression).toEqual(['Bundle.entry[4]', 'bogus']);
  });
});
