import { definitionReader, type DefinitionReader } from './definition-files.ts';
import type { SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { expressionForType } from './split-expression.ts';
import { tableFor, type SearchParameterInfo } from './search-parameter-types.ts';

interface BundleOf<T> {
  entry?: { resource?: T }[];
}

/**
 * What the engine knows about FHIR R4: which resource types exist, which it serves, their search parameters
 * and their summary elements. Built once at start from the base definitions and any extra SearchParameters.
 */
export interface FhirDefinitions {
  /** Every concrete R4 resource type, served or not (an unserved known type is 404 with a different message). */
  readonly allResourceTypes: ReadonlySet<string>;
  readonly servedTypes: readonly string[];
  isServed(resourceType: string): boolean;
  /** Search parameters of a type by code, including the common ones (_id, _lastUpdated, _tag…). */
  searchParameters(resourceType: string): ReadonlyMap<string, SearchParameterInfo>;
  searchParameter(resourceType: string, code: string): SearchParameterInfo | undefined;
  /** Top-level element names marked isSummary for `_summary=true`. */
  summaryElements(resourceType: string): ReadonlySet<string>;
  /** Top-level element names that are mandatory (min >= 1), which `_elements` must keep. */
  mandatoryElements(resourceType: string): ReadonlySet<string>;
  /** Top-level element names of a type, to check `_elements`; choice elements appear as e.g. `value[x]`. */
  elementNames(resourceType: string): ReadonlySet<string>;
  /** The base StructureDefinition (with snapshot) of every R4 resource type and data type, by type name. */
  readonly baseStructures: ReadonlyMap<string, StructureDefinition>;
  /** Reads another base bundle (`fhir/r4/profiles-others.json`) the way these were read: trimmed, through the same cache. */
  readonly readBundle: DefinitionReader;
}

export interface DefinitionOptions {
  servedTypes: readonly string[];
  /** SearchParameters beyond base R4 (the project's own profiles add these). */
  extraSearchParameters?: readonly SearchParameter[];
  /** How the base bundles are read (default: trimmed, no cache). */
  read?: DefinitionReader;
}

function topLevelName(path: string): string | undefined {
  const parts = path.split('.');
  return parts.length === 2 ? parts[1] : undefined;
}

export function loadDefinitions(options: DefinitionOptions): FhirDefinitions {
  const readJson = options.read ?? definitionReader();
  const structureBundle = readJson('fhir/r4/profiles-resources.json') as BundleOf<StructureDefinition>;
  const typeBundle = readJson('fhir/r4/profiles-types.json') as BundleOf<StructureDefinition>;
  const baseStructures = new Map<string, StructureDefinition>();
  for (const entry of [...(structureBundle.entry ?? []), ...(typeBundle.entry ?? [])]) {
    const sd = entry.resource;
    if (sd?.resourceType === 'StructureDefinition' && sd.derivation !== 'constraint' && sd.type === sd.id) baseStructures.set(sd.type, sd);
  }
  const resourceDefs = [...baseStructures.values()].filter((r) => r.kind === 'resource' && !r.abstract);
  const allResourceTypes = new Set(resourceDefs.map((d) => d.type));
  const unknown = options.servedTypes.filter((t) => !allResourceTypes.has(t));
  if (unknown.length > 0) throw new Error(`Not an R4 resource type: ${unknown.join(', ')}`);
  const served = new Set(options.servedTypes);

  const summary = new Map<string, Set<string>>();
  const mandatory = new Map<string, Set<string>>();
  const names = new Map<string, Set<string>>();
  for (const def of resourceDefs) {
    if (!served.has(def.type)) continue;
    const s = new Set<string>(['id', 'meta']);
    const m = new Set<string>();
    const n = new Set<string>();
    for (const el of def.snapshot?.element ?? []) {
      const name = topLevelName(el.path ?? '');
      if (!name) continue;
      n.add(name);
      if (el.isSummary) s.add(name);
      if ((el.min ?? 0) >= 1) m.add(name);
    }
    summary.set(def.type, s);
    mandatory.set(def.type, m);
    names.set(def.type, n);
  }

  const baseBundle = readJson('fhir/r4/search-parameters.json') as BundleOf<SearchParameter>;
  const all = [...(baseBundle.entry ?? []).map((e) => e.resource), ...(options.extraSearchParameters ?? [])].filter(
    (r): r is SearchParameter => r?.resourceType === 'SearchParameter',
  );
  const params = new Map<string, Map<string, SearchParameterInfo>>();
  for (const type of served) params.set(type, new Map());
  for (const sp of all) {
    const bases = (sp.base ?? []) as string[];
    const appliesTo = bases.includes('Resource') || bases.includes('DomainResource') ? [...served] : bases.filter((b) => served.has(b));
    for (const type of appliesTo) {
      const expression = expressionForType(sp.expression, type);
      if (sp.expression && !expression) continue;
      params.get(type)!.set(sp.code as string, {
        code: sp.code as string,
        url: sp.url as string,
        type: sp.type as SearchParameterInfo['type'],
        resourceType: type,
        expression,
        target: (sp.target ?? []) as string[],
        description: sp.description,
        table: tableFor(sp.type as SearchParameterInfo['type'], sp.code as string),
      });
    }
  }

  const empty = new Map<string, SearchParameterInfo>();
  const none = new Set<string>();
  return {
    allResourceTypes,
    servedTypes: [...options.servedTypes],
    isServed: (t) => served.has(t),
    searchParameters: (t) => params.get(t) ?? empty,
    searchParameter: (t, code) => params.get(t)?.get(code),
    summaryElements: (t) => summary.get(t) ?? none,
    mandatoryElements: (t) => mandatory.get(t) ?? none,
    elementNames: (t) => names.get(t) ?? none,
    baseStructures,
    readBundle: readJson,
  };
}
