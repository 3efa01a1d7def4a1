import type { CodeSystem, ConceptMap, ValueSet } from '@medplum/fhirtypes';
import { BaseTerminology } from '../../src/terminology/base-terminology.ts';
import { CanonicalIndex, type Canonical, type CanonicalResource, type CanonicalType } from '../../src/terminology/canonical.ts';
import type { StoredTerminology } from '../../src/terminology/stored-terminology.ts';
import { TerminologySources, type Resolver } from '../../src/terminology/terminology-sources.ts';

export const DOMAINS = 'http://example.org/fhir/CodeSystem/life-domains';

/** A small hierarchical code system: nesting, a `parent` property, an inactive and an abstract concept. */
export const lifeDomains: CodeSystem = {
  resourceType: 'CodeSystem',
  id: 'life-domains',
  url: DOMAINS,
  version: '1',
  name: 'LifeDomains',
  title: 'Levensdomeinen',
  status: 'active',
  content: 'complete',
  hierarchyMeaning: 'is-a',
  caseSensitive: true,
  property: [{ code: 'inactive', type: 'boolean' }, { code: 'parent', type: 'code' }],
  concept: [
    {
      code: 'psychisch',
      display: 'Psychisch welbevinden',
      definition: 'Hoe iemand zich voelt',
      designation: [{ language: 'en', value: 'Mental wellbeing' }],
      concept: [
        { code: 'eenzaamheid', display: 'Eenzaamheid' },
        { code: 'rouw', display: 'Rouw' },
      ],
    },
    { code: 'sociaal', display: 'Sociale contacten', concept: [{ code: 'netwerk', display: 'Sociaal netwerk' }] },
    { code: 'werk', display: 'Werk en dagbesteding', property: [{ code: 'parent', valueCode: 'sociaal' }] },
    { code: 'financien', display: 'Financiën' },
    { code: 'oud', display: 'Vervallen domein', property: [{ code: 'inactive', valueBoolean: true }] },
    { code: 'groep', display: 'Groepering', property: [{ code: 'notSelectable', valueBoolean: true }] },
  ],
};

export function valueSet(url: string, compose: ValueSet['compose']): ValueSet {
  return { resourceType: 'ValueSet', url, status: 'active', compose };
}

export const genderMap: ConceptMap = {
  resourceType: 'ConceptMap',
  url: 'http://example.org/fhir/ConceptMap/domains-to-codes',
  status: 'active',
  sourceUri: 'http://example.org/fhir/ValueSet/domains',
  targetUri: 'http://example.org/fhir/ValueSet/codes',
  group: [
    {
      source: DOMAINS,
      target: 'http://example.org/codes',
      element: [
        { code: 'eenzaamheid', target: [{ code: 'LONELY', display: 'Lonely', equivalence: 'equivalent' }] },
        { code: 'rouw', target: [{ code: 'GRIEF', equivalence: 'wider' }] },
      ],
      unmapped: { mode: 'fixed', code: 'OTHER', display: 'Other' },
    },
  ],
};

/** Stored terminology held in memory. */
export class MemoryStored implements StoredTerminology {
  readonly index = new CanonicalIndex();

  constructor(resources: readonly CanonicalResource[] = []) {
    for (const r of resources) this.index.add(r);
  }

  async find(type: CanonicalType, canonical: Canonical): Promise<CanonicalResource | undefined> {
    return this.index.find(type, canonical);
  }

  async byId(type: CanonicalType, id: string): Promise<CanonicalResource | undefined> {
    return this.index.findById(type, id);
  }

  async conceptMaps(): Promise<CanonicalResource[]> {
    return this.index.all('ConceptMap');
  }
}

/** A resolver over a package, a base (a fake definitions file) and stored resources, all in memory. */
export function resolverWith(options: { package?: CanonicalResource[]; base?: CanonicalResource[]; stored?: CanonicalResource[] }): Resolver {
  const own = new CanonicalIndex();
  for (const r of options.package ?? []) own.add(r);
  const base = new BaseTerminology(async () => ({ entry: (options.base ?? []).map((resource) => ({ resource: structuredClone(resource) })) }));
  return new TerminologySources(own, base).bind(new MemoryStored(options.stored));
}
