import { readFileSync } from 'node:fs';
import { buildCorpus } from '../../test/conformance/corpus.ts';
import { buildValidator } from '../../test/conformance/validator-fixture.ts';
import type { Invariant } from './invariants.ts';

const { validator, structure } = buildValidator();
const INVALID = 'profiles/test-cases/invalid';
const invalidCases = (JSON.parse(readFileSync(`${INVALID}/index.json`, 'utf8')) as { cases: { file: string }[] }).cases.map(
  (c) => JSON.parse(readFileSync(`${INVALID}/${c.file}`, 'utf8').replaceAll('{{canonical}}', 'https://brug.example.org/fhir')) as unknown,
);
const resources = [...buildCorpus().map((c) => c.resource), ...invalidCases];

const compile = (expression: string, base = 'Patient') => {
  const inv = structure.invariantCompiler.compile({ key: `t-${expression}`, severity: 'error', human: 't', expression }, base);
  if (!inv) throw new Error('not compiled');
  return inv;
};
const scope = (resource: unknown) => ({ resource, rootResource: resource });

describe('fast FHIRPath: compiled invariants give the answers of fhirpath.js', () => {
  it('agrees with fhirpath.js on every evaluation over the corpus (differential test)', async () => {
    for (const r of resources) await validator.validate(r);
    const all: Invariant[] = structure.invariantCompiler.all();
    const compiled = all.filter((i) => i.engine !== 'fhirpath');
    expect(compiled.length / all.length).toBeGreaterThan(0.95);
    const mismatches = new Set<string>();
    let evaluations = 0;
    for (const inv of compiled) {
      const fast = inv.holds;
      (inv as { holds: Invariant['holds'] }).holds = (node, s, type) => {
        const ours = attempt(() => fast(node, s, type));
        const reference = attempt(() => inv.reference(node, s, type));
        evaluations++;
        // dom-3 is native because fhirpath.js cannot evaluate it on most resources ("Expected singleton"): then only ours answers.
        if (ours !== reference && !(inv.key === 'dom-3' && reference === 'error')) mismatches.add(`${inv.key} ${inv.expression}: ours ${ours}, fhirpath.js ${reference}`);
        return ours === true;
      };
    }
    for (const r of resources) await validator.validate(r);
    expect(evaluations).toBeGreaterThan(10000);
    expect([...mismatches]).toEqual([]);
  });

  it('uses three-valued logic, and an empty result does not hold (as in the HL7 validator)', () => {
    expect(compile('gender.exists() or birthDate.exists()').holds({ resourceType: 'Patient' }, scope({}))).toBe(false);
    expect(compile("gender = 'male' implies birthDate.exists()").holds({ gender: 'female' }, scope({}))).toBe(true);
    expect(compile("gender = 'male' or birthDate.exists()").holds({ birthDate: '2000' }, scope({}))).toBe(true);
    // {} or false is {}: unknown, so the constraint is not shown to hold.
    expect(compile("gender = 'male' or birthDate.exists()").holds({}, scope({}))).toBe(false);
  });

  it('compares dates by precision, and times on one time line', () => {
    const per1 = compile('start.hasValue().not() or end.hasValue().not() or (start <= end)', 'Period');
    expect(per1.engine).toBe('fast');
    expect(per1.holds({ start: '2020', end: '2021-05-01' }, scope({}))).toBe(true);
    expect(per1.holds({ start: '2021', end: '2020-05-01' }, scope({}))).toBe(false);
    // Same year, one with a month: FHIRPath cannot order them (empty), and per-1 is not shown to hold.
    expect(per1.holds({ start: '2020', end: '2020-05-01' }, scope({}))).toBe(false);
    expect(per1.holds({ start: '2020-01-01T10:00:00+01:00', end: '2020-01-01T09:30:00Z' }, scope({}))).toBe(true);
    expect(per1.holds({ start: '2020-01-01T10:00:00Z', end: '2020-01-01T09:30:00+01:00' }, scope({}))).toBe(false);
    // A date against a dateTime is left to fhirpath.js, which answers it.
    expect(per1.holds({ start: '2020-01-02', end: '2020-01-01T09:30:00Z' }, scope({}))).toBe(false);
  });

  it('reads choices, primitives with only extensions, ofType() and integer arithmetic', () => {
    expect(compile('extension.exists() != value.exists()', 'Extension').holds({ url: 'x', valueString: 'a' }, scope({}))).toBe(true);
    expect(compile('extension.exists() != value.exists()', 'Extension').holds({ url: 'x' }, scope({}))).toBe(false);
    const hasValue = compile('birthDate.hasValue()');
    expect(hasValue.holds({ _birthDate: { extension: [{ url: 'x', valueCode: 'unknown' }] } }, scope({}))).toBe(false);
    expect(compile('birthDate.exists()').holds({ _birthDate: { extension: [{ url: 'x', valueCode: 'u' }] } }, scope({}))).toBe(true);
    const coding = compile("extension.where(url = 'x').all(value.ofType(Coding).code.matches('^GM[0-9]{4}$'))");
    expect(coding.holds({ extension: [{ url: 'x', valueCoding: { code: 'GM0363' } }] }, scope({}))).toBe(true);
    expect(coding.holds({ extension: [{ url: 'x', valueCoding: { code: '0363' } }] }, scope({}))).toBe(false);
    const elfproef = compile("identifier.all((value.substring(0,1).toInteger() * 9 + value.substring(1,1).toInteger() * 8 - value.substring(2,1).toInteger()) mod 11 = 0)");
    expect(elfproef.holds({ identifier: [{ value: '230' }] }, scope({}))).toBe(false);
    expect(elfproef.holds({ identifier: [{ value: '123' }] }, scope({}))).toBe(true);
  });

  it('leaves what it does not implement to fhirpath.js', () => {
    expect(compile('text.div.htmlChecks()', 'DomainResource').engine).toBe('fhirpath');
    expect(compile("answer is Boolean", 'Questionnaire.item.enableWhen').engine).toBe('fhirpath');
  });
});

function attempt(fn: () => boolean): boolean | 'error' {
  try {
    return fn();
  } catch {
    return 'error';
  }
}
