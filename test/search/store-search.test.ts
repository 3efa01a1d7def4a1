import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import { createIndexer } from '../../src/fhir/search/extract-index.ts';
import { parseSearch } from '../../src/fhir/search/parse-search.ts';
import type { Store } from '../../src/store/index.ts';
import { STORE_KINDS } from '../support/app.ts';
import { openTestStore, type TestStore } from '../support/store.ts';
import { seedSearchFixtures, SEARCH_BASE_URL, SEARCH_TYPES } from './fixtures.ts';

/** The parser's queries against the real store, filled through the real indexer: what a user searches is what they find. */
const defs = loadDefinitions({ servedTypes: SEARCH_TYPES });
const indexer = createIndexer(defs, SEARCH_BASE_URL);
const config = { baseUrl: SEARCH_BASE_URL, defaultPageSize: 20, maxPageSize: 100 };

describe.each(STORE_KINDS)('search on the store [%s]', (kind) => {
  let store: Store;

  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await openTestStore(kind);
    store = testStore.store;
    await seedSearchFixtures(store, indexer);
  });
  afterAll(async () => {
    await testStore.close();
  });

  async function search(type: string | undefined, query: string) {
    const parsed = parseSearch([...new URLSearchParams(query)], { defs, config, resourceTypes: type === undefined ? undefined : [type], strict: true });
    return store.repository.search(parsed.query);
  }
  /** Ids found, sorted, unless the query sorts them itself. */
  async function ids(type: string | undefined, query: string): Promise<string[]> {
    const found = (await search(type, query)).matches.map((m) => m.id);
    return query.includes('_sort') ? found : found.sort();
  }

  it.each([
    ['gender=female', ['p1']],
    ['gender=female,male', ['p1', 'p2']],
    ['gender:not=female', ['p2', 'p3']],
    ['identifier=http://fhir.nl/fhir/NamingSystem/bsn|999911120', ['p1']],
    ['identifier=999911120', ['p1']],
    ['identifier=|999911120', []],
    ['identifier:of-type=http://terminology.hl7.org/CodeSystem/v2-0203|NI|999911120', ['p1']],
    ['active=true', ['p1']],
    ['deceased=true', ['p3']],
    ['telecom=email|anna@example.org', ['p1']],
    ['_tag=http://brug.example/tags|vip', ['p1']],
    ['_tag:missing=true', ['p2', 'p3']],
  ])('token: Patient?%s', async (query, expected) => {
    expect(await ids('Patient', query)).toEqual(expected);
  });

  it.each([
    ['code=http://loinc.org|29463-7', ['ob1']],
    ['code=http://loinc.org|', ['ob1', 'ob2']],
    ['code:text=body', ['ob1', 'ob2']],
    ['code:text=body h', ['ob2']],
    ['status=final&code=8302-2', []],
  ])('token: Observation?%s', async (query, expected) => {
    expect(await ids('Observation', query)).toEqual(expected);
  });

  it.each([
    ['name=mul', ['p1', 'p3']],
    ['name=MÜL', ['p1', 'p3']],
    ['name:exact=Müller', ['p1']],
    ['name:exact=müller', []],
    ['name:contains=ULD', ['p3']],
    ['family=jans&given=jan', ['p2']],
    ['address-city=utr', ['p2']],
    ['name=100%25', []],
  ])('string: Patient?%s', async (query, expected) => {
    expect(await ids('Patient', query)).toEqual(expected);
  });

  it.each([
    ['Observation', 'subject=Patient/p1', ['ob1']],
    ['Observation', 'subject=p2', ['ob2']],
    ['Observation', 'subject:Patient=p2', ['ob2']],
    ['Observation', 'patient=Patient/p1,Patient/p2', ['ob1', 'ob2']],
    ['Task', 'owner=Organization/o2', ['t2']],
    ['Task', `owner=${SEARCH_BASE_URL}/Organization/o1`, ['t1']],
    ['Task', 'owner:identifier=http://fhir.nl/fhir/NamingSystem/ura|111', ['t3']],
    ['Task', 'subject=https://elsewhere.example/fhir/Patient/x', ['t3']],
    ['Task', 'part-of:missing=false', ['t2']],
    ['Patient', 'general-practitioner:Practitioner=pr1', ['p2']],
  ])('reference: %s?%s', async (type, query, expected) => {
    expect(await ids(type, query)).toEqual(expected);
  });

  it.each([
    ['Patient', 'birthdate=1958', ['p1']],
    ['Patient', 'birthdate=1958-03-14', ['p1']],
    ['Patient', 'birthdate=1958-03-15', []],
    ['Patient', 'birthdate=ge1970', ['p2']],
    ['Patient', 'birthdate=lt1970', ['p1']],
    ['Patient', 'birthdate=ne1980', ['p1']],
    ['Patient', 'birthdate:missing=true', ['p3']],
    ['Patient', 'birthdate=ap1980-06-01', ['p2']],
    ['Observation', 'date=2024-02', ['ob2']],
    ['Observation', 'date=2024-02-02', []],
    ['Observation', 'date=ap2024-02-02', ['ob2']],
    ['Observation', 'date=sa2024-01-31', ['ob2']],
    ['Observation', 'date=eb2024-01-31', ['ob1']],
    ['Observation', 'date=gt2024-01-15T00:00:00%2B01:00', ['ob2']],
    ['Observation', 'date=le2024-01-10T11:00:00%2B01:00', ['ob1']],
    ['Task', '_lastUpdated=ge2024-04-02', ['t2', 't3']],
    ['Task', '_lastUpdated=lt2024-04-02&_lastUpdated=gt2024-01', ['t1']],
  ])('date: %s?%s', async (type, query, expected) => {
    expect(await ids(type, query)).toEqual(expected);
  });

  it.each([
    ['RiskAssessment', 'probability=0.75', ['ra1']],
    ['RiskAssessment', 'probability=0.8', ['ra1']],
    ['RiskAssessment', 'probability=0.7', []],
    ['RiskAssessment', 'probability=gt0.5', ['ra1']],
    ['RiskAssessment', 'probability=lt7.5e-1', []],
    ['Observation', 'value-quantity=72.5', ['ob1']],
    ['Observation', 'value-quantity=gt100', ['ob2']],
    ['Observation', 'value-quantity=72.5|http://unitsofmeasure.org|kg', ['ob1']],
    ['Observation', 'value-quantity=72.5||kg', ['ob1']],
    ['Observation', 'value-quantity=72.5|http://unitsofmeasure.org|g', []],
    ['Observation', 'value-quantity=ap170', ['ob2']],
    ['Observation', 'value-quantity=2e2', ['ob2']],
  ])('number and quantity: %s?%s', async (type, query, expected) => {
    expect(await ids(type, query)).toEqual(expected);
  });

  it.each([
    ['url=http://example.org/fhir/ValueSet/reasons', ['vs1']],
    ['url:below=http://example.org/fhir/', ['vs1', 'vs2']],
    ['url:above=http://example.org/fhir/ValueSet/reasons/child/grandchild', ['vs1', 'vs2']],
    ['url:above=http://example.org/fhir/ValueSet/reasons', ['vs1']],
  ])('uri: ValueSet?%s', async (query, expected) => {
    expect(await ids('ValueSet', query)).toEqual(expected);
  });

  it('uri: _profile finds a versioned canonical with and without its version', async () => {
    expect(await ids('Patient', '_profile=http://example.org/fhir/StructureDefinition/patient')).toEqual(['p1']);
    expect(await ids('Patient', '_profile=http://example.org/fhir/StructureDefinition/patient|1.0')).toEqual(['p1']);
  });

  it.each([
    ['Observation', 'subject:Patient.name=jansen', ['ob2']],
    ['Observation', 'subject.gender=female', ['ob1']],
    ['Task', 'owner.name=wijk', ['t1']],
    ['Task', 'owner:Organization._id=o2', ['t2']],
    ['Observation', 'subject:Patient.organization.name=wijk', ['ob1']],
    ['Patient', '_has:Observation:patient:code=8302-2', ['p2']],
    ['Patient', '_has:Task:patient:status=requested', ['p1']],
    ['Organization', '_has:Patient:organization:_has:Observation:patient:code=29463-7', ['o1']],
    ['Task', '_has:Task:part-of:status=completed', ['t1']],
  ])('chaining and _has: %s?%s', async (type, query, expected) => {
    expect(await ids(type, query)).toEqual(expected);
  });

  it.each([
    ['_sort=birthdate', ['p1', 'p2', 'p3']],
    ['_sort=-birthdate', ['p2', 'p1', 'p3']],
    ['_sort=name', ['p1', 'p2', 'p3']],
    ['_sort=-_id', ['p3', 'p2', 'p1']],
    ['_sort=gender,-_lastUpdated', ['p1', 'p2', 'p3']],
    ['_sort=-_lastUpdated', ['p3', 'p2', 'p1']],
  ])('sort: Patient?%s', async (query, expected) => {
    expect(await ids('Patient', query)).toEqual(expected);
  });

  it('pages with _count and _offset, and counts the total', async () => {
    const first = await search('Patient', '_sort=_id&_count=2&_total=accurate');
    expect(first.matches.map((m) => m.id)).toEqual(['p1', 'p2']);
    expect(first).toMatchObject({ hasMore: true, total: 3 });
    const second = await search('Patient', '_sort=_id&_count=2&_offset=2');
    expect(second.matches.map((m) => m.id)).toEqual(['p3']);
    expect(second.hasMore).toBe(false);
    expect(await search('Patient', '_summary=count')).toMatchObject({ matches: [], total: 3 });
  });

  it('searches across types at system level', async () => {
    expect(await ids(undefined, '_id=p1,o1,t1')).toEqual(['o1', 'p1', 't1']);
    expect(await ids(undefined, '_type=Patient,Organization&_lastUpdated=lt2024-02-02')).toEqual(['o1', 'o2', 'p1']);
    expect(await ids(undefined, '_type=Patient,Practitioner&name=eva')).toEqual(['pr1']);
    expect(await ids(undefined, '_type=Patient,Practitioner&name:contains=vries,mull')).toEqual(['p1', 'pr1']);
  });
});
