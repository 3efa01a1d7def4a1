// Our FHIRPath invariants, run in HL7's fhirpath engine (the one the server uses): they hold on every example and
// fail on the invalid test cases written for them. The BSN 11-test is checked on a table of numbers.
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import type { ElementDefinitionConstraint, Resource } from '@medplum/fhirtypes';
import { examples, invalidCases, profileOf, structureDefinitions } from './brug-package.ts';

interface Invariant extends ElementDefinitionConstraint {
  profile: string;
  path: string;
}

/** The brug-* constraints on the root element of each profile (the ones that apply to a whole resource). */
const invariants: Invariant[] = structureDefinitions().flatMap((sd) =>
  (sd.snapshot?.element[0]?.constraint ?? [])
    .filter((c) => c.key.startsWith('brug-'))
    .map((c) => ({ ...c, profile: sd.url as string, path: sd.snapshot?.element[0]?.path as string })),
);

function holds(expression: string, resource: Resource): boolean {
  const result = fhirpath.evaluate(resource, expression, undefined, r4Model) as unknown[];
  return result.length === 0 || result.every((value) => value === true);
}

describe('brug invariants in the fhirpath engine', () => {
  it('are present with Dutch and English text', () => {
    expect(invariants.map((i) => i.key).sort()).toEqual(
      expect.arrayContaining(['brug-bsn-1', 'brug-gemeente-2', 'brug-taak-1', 'brug-terugkoppeling-1', 'brug-terugkoppeling-2', 'brug-kvk-1']),
    );
    for (const invariant of invariants) expect(invariant.human).toMatch(/^NL: .+ EN: .+/);
  });

  it('hold on every example of the profile', () => {
    for (const resource of examples()) {
      for (const invariant of invariants.filter((i) => i.profile === profileOf(resource))) {
        expect([resource.id, invariant.key, holds(invariant.expression as string, resource)]).toEqual([resource.id, invariant.key, true]);
      }
    }
  });

  it.each(invalidCases().filter((c) => c.rule.startsWith('brug-')).map((c) => [c.file, c] as const))('fail on %s', (_name, testCase) => {
    const invariant = invariants.find((i) => i.key === testCase.rule && i.profile.endsWith(`/${testCase.profile}`));
    expect(invariant).toBeDefined();
    expect(holds(invariant?.expression as string, testCase.resource)).toBe(false);
  });

  it.each([
    ['999911120', true],
    ['999990019', true],
    ['999990032', true],
    ['999912540', false],
    ['999913260', false],
    ['000000000', false],
    ['99991112', false],
    ['9999111200', false],
    ['99991112X', false],
  ])('BSN %s passes the 11-test: %s', (bsn, valid) => {
    const bsnRule = invariants.find((i) => i.key === 'brug-bsn-1') as Invariant;
    const patient: Resource = { resourceType: 'Patient', identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: bsn }] };
    expect(holds(bsnRule.expression as string, patient)).toBe(valid);
  });
});
