import type { TerminologyService } from '../terminology/index.ts';
import { BindingChecker, codingsOf } from './binding-checks.ts';
import type { PendingBinding } from './findings.ts';

const VS = 'http://hl7.org/fhir/ValueSet/administrative-gender';

function fakeTerminology(answers: Record<string, { result: boolean; undetermined?: boolean; message?: string }>): TerminologyService & { calls: number } {
  const service = {
    calls: 0,
    resource: async () => undefined,
    hasValueSet: async () => true,
    validateCode: async (_vs: string, c: { code?: string }) => {
      service.calls++;
      const answer = answers[c.code ?? ''];
      if (!answer) throw new Error('terminology down');
      return answer;
    },
  };
  return service;
}

const pending = (value: unknown, type: string, strength: 'required' | 'extensible' | 'preferred' = 'required', valueSet = VS): PendingBinding => ({ rule: { strength, valueSet }, value, type, expression: 'Patient.gender' });

describe('BindingChecker (terminologies.html#strength)', () => {
  const service = fakeTerminology({ female: { result: true }, vrouw: { result: false, message: 'unknown code' }, snomed: { result: true, undetermined: true, message: 'SNOMED CT is not held here' } });
  const checker = new BindingChecker(service, (url) => url.startsWith('http://hl7.org/fhir/'));

  it('reads codes from code, Coding, CodeableConcept and Quantity values', () => {
    expect(codingsOf('female', 'code')).toEqual([{ code: 'female' }]);
    expect(codingsOf({ coding: [{ system: 's', code: 'c' }], text: 't' }, 'CodeableConcept')).toEqual([{ system: 's', code: 'c', display: undefined }]);
    expect(codingsOf({ value: 1, system: 'http://unitsofmeasure.org', code: 'kg' }, 'Quantity')).toEqual([{ system: 'http://unitsofmeasure.org', code: 'kg', display: undefined }]);
  });

  it('refuses a code outside a required binding, warns for extensible, informs for preferred', async () => {
    const [required, extensible, preferred, ok] = await checker.check([pending('vrouw', 'code'), pending('vrouw', 'code', 'extensible'), pending('vrouw', 'code', 'preferred'), pending('female', 'code')]);
    expect(required).toMatchObject({ severity: 'error', code: 'code-invalid', expression: ['Patient.gender'] });
    expect(required?.diagnostics).toMatch(/"vrouw" are not in the value set .*administrative-gender \(required binding\): unknown code/);
    expect(extensible?.severity).toBe('warning');
    expect(preferred?.severity).toBe('information');
    expect(ok).toBeUndefined();
  });

  it('warns (never refuses) when the code cannot be judged, and when the terminology layer fails', async () => {
    const [undetermined, failed] = await checker.check([pending({ coding: [{ system: 'http://snomed.info/sct', code: 'snomed' }] }, 'CodeableConcept'), pending('boom', 'code')]);
    expect(undetermined).toMatchObject({ severity: 'warning', code: 'not-found' });
    expect(failed).toMatchObject({ severity: 'warning', code: 'exception' });
  });

  it('needs a code for a required binding of a CodeableConcept; text alone is fine for extensible', async () => {
    const [required, extensible] = await checker.check([pending({ text: 'vrouw' }, 'CodeableConcept'), pending({ text: 'vrouw' }, 'CodeableConcept', 'extensible')]);
    expect(required?.diagnostics).toMatch(/No code provided/);
    expect(extensible).toBeUndefined();
  });

  it('remembers answers for value sets that cannot change, and only those', async () => {
    const before = service.calls;
    await checker.check([pending('female', 'code'), pending('female', 'code')]);
    expect(service.calls).toBe(before);
    await checker.check([pending('female', 'code', 'required', 'http://example.org/vs'), pending('female', 'code', 'required', 'http://example.org/vs')]);
    expect(service.calls).toBe(before + 2);
  });
});
