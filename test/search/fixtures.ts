import type { Resource } from '@medplum/fhirtypes';
import type { Indexer } from '../../src/fhir/search/extract-index.ts';
import type { Store } from '../../src/store/index.ts';

/**
 * A small, fixed world for search tests: each resource differs from the others in the values the tests search on.
 * `lastUpdated` is fixed per resource so `_lastUpdated` and sorting are predictable.
 */
export const SEARCH_BASE_URL = 'https://brug.example/fhir';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const BSN = 'http://fhir.nl/fhir/NamingSystem/bsn';
const URA = 'http://fhir.nl/fhir/NamingSystem/ura';

export const SEARCH_FIXTURES: { resource: Resource; lastUpdated: string }[] = [
  { lastUpdated: '2024-01-01T00:00:00.000Z', resource: { resourceType: 'Organization', id: 'o1', name: 'Wijkteam Noord', identifier: [{ system: URA, value: '111' }] } },
  { lastUpdated: '2024-01-02T00:00:00.000Z', resource: { resourceType: 'Organization', id: 'o2', name: 'Huisartsenpraktijk Zuid' } },
  { lastUpdated: '2024-01-03T00:00:00.000Z', resource: { resourceType: 'Practitioner', id: 'pr1', name: [{ family: 'de Vries', given: ['Eva'] }] } },
  {
    lastUpdated: '2024-02-01T00:00:00.000Z',
    resource: {
      resourceType: 'Patient', id: 'p1', active: true, gender: 'female', birthDate: '1958-03-14',
      meta: { tag: [{ system: 'http://brug.example/tags', code: 'vip' }], profile: ['http://example.org/fhir/StructureDefinition/patient|1.0'] },
      name: [{ family: 'Müller', given: ['Anna'] }],
      identifier: [{ system: BSN, value: '999911120', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] } }],
      telecom: [{ system: 'email', value: 'anna@example.org' }],
      managingOrganization: { reference: 'Organization/o1' },
    },
  },
  {
    lastUpdated: '2024-02-02T00:00:00.000Z',
    resource: {
      resourceType: 'Patient', id: 'p2', active: false, gender: 'male', birthDate: '1980',
      name: [{ family: 'Jansen', given: ['Jan'] }], address: [{ city: 'Utrecht' }],
      managingOrganization: { reference: 'Organization/o2' }, generalPractitioner: [{ reference: 'Practitioner/pr1' }],
    },
  },
  { lastUpdated: '2024-02-03T00:00:00.000Z', resource: { resourceType: 'Patient', id: 'p3', gender: 'other', name: [{ family: 'Mulder' }], deceasedBoolean: true } },
  {
    lastUpdated: '2024-03-01T00:00:00.000Z',
    resource: {
      resourceType: 'Observation', id: 'ob1', status: 'final', subject: { reference: 'Patient/p1' },
      code: { coding: [{ system: LOINC, code: '29463-7', display: 'Body weight' }] },
      valueQuantity: { value: 72.5, unit: 'kg', system: UCUM, code: 'kg' }, effectiveDateTime: '2024-01-10T10:00:00Z',
    },
  },
  {
    lastUpdated: '2024-03-02T00:00:00.000Z',
    resource: {
      resourceType: 'Observation', id: 'ob2', status: 'preliminary', subject: { reference: 'Patient/p2' },
      code: { coding: [{ system: LOINC, code: '8302-2', display: 'Body height' }] },
      valueQuantity: { value: 180, unit: 'cm', system: UCUM, code: 'cm' }, effectivePeriod: { start: '2024-02-01', end: '2024-02-03' },
    },
  },
  {
    lastUpdated: '2024-04-01T00:00:00.000Z',
    resource: { resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', for: { reference: 'Patient/p1' }, owner: { reference: 'Organization/o1' }, authoredOn: '2024-03-01' },
  },
  {
    lastUpdated: '2024-04-02T00:00:00.000Z',
    resource: {
      resourceType: 'Task', id: 't2', status: 'completed', intent: 'order', for: { reference: 'Patient/p2' },
      owner: { reference: `${SEARCH_BASE_URL}/Organization/o2` }, partOf: [{ reference: 'Task/t1' }],
    },
  },
  {
    lastUpdated: '2024-04-03T00:00:00.000Z',
    resource: {
      resourceType: 'Task', id: 't3', status: 'requested', intent: 'order', for: { reference: 'https://elsewhere.example/fhir/Patient/x' },
      owner: { type: 'Organization', identifier: { system: URA, value: '111' } },
    },
  },
  { lastUpdated: '2024-05-01T00:00:00.000Z', resource: { resourceType: 'RiskAssessment', id: 'ra1', status: 'final', subject: { reference: 'Patient/p1' }, prediction: [{ probabilityDecimal: 0.75 }] } },
  { lastUpdated: '2024-05-02T00:00:00.000Z', resource: { resourceType: 'ValueSet', id: 'vs1', status: 'active', url: 'http://example.org/fhir/ValueSet/reasons' } },
  { lastUpdated: '2024-05-03T00:00:00.000Z', resource: { resourceType: 'ValueSet', id: 'vs2', status: 'active', url: 'http://example.org/fhir/ValueSet/reasons/child' } },
];

export const SEARCH_TYPES = ['Organization', 'Practitioner', 'Patient', 'Observation', 'Task', 'RiskAssessment', 'ValueSet'];

/** Writes every fixture as version 1, indexed as the server would index it. */
export async function seedSearchFixtures(store: Store, indexer: Indexer): Promise<void> {
  await store.repository.transaction(async (tx) => {
    for (const { resource, lastUpdated } of SEARCH_FIXTURES) {
      const json = JSON.stringify({ ...resource, meta: { ...resource.meta, versionId: '1', lastUpdated } });
      await tx.writeVersion({ resourceType: resource.resourceType, id: resource.id!, versionId: 1, lastUpdated, method: 'PUT', json, index: indexer(resource), isNew: true });
    }
  });
}
