import type { Resource } from '@medplum/fhirtypes';
import { readPackageSearchParameters } from '../../src/fhir/index.ts';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import { compileElementPaths } from '../../src/fhir/search/element-paths.ts';
import { compileWithFhirpath } from '../../src/fhir/search/extract-index.ts';
import { buildCorpus } from '../conformance/corpus.ts';

/**
 * The indexer reads plain element paths straight from the JSON instead of through fhirpath.js. Both must find the
 * same values of the same types: every search parameter of every resource type in the corpus (HL7's resources,
 * the examples and their broken variants), run both ways.
 */
const corpus = buildCorpus();
const types = [...new Set(corpus.map((c) => c.resource.resourceType as string))];
const probe = loadDefinitions({ servedTypes: [] });
const defs = loadDefinitions({
  servedTypes: types.filter((t) => probe.allResourceTypes.has(t)),
  extraSearchParameters: readPackageSearchParameters('profiles/package'),
});

describe('element paths read from the JSON', () => {
  it('find what fhirpath.js finds, for every parameter they compile, on every corpus resource', () => {
    let compared = 0;
    let found = 0;
    const differences: string[] = [];
    for (const type of defs.servedTypes) {
      const resources = corpus.filter((c) => c.resource.resourceType === type);
      for (const info of defs.searchParameters(type).values()) {
        if (!info.expression || !info.table) continue;
        const direct = compileElementPaths(defs.baseStructures, type, info.expression);
        if (!direct) continue;
        const reference = compileWithFhirpath(info);
        for (const c of resources) {
          const resource = c.resource as unknown as Resource;
          const expected = reference(resource).filter((v) => v !== undefined);
          const actual = direct(resource);
          compared++;
          if (expected.length > 0) found++;
          if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(`${c.name} ${type}.${info.code}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    expect(found).toBeGreaterThan(500);
  });

  it('compile most expressions, and leave choice elements, casts and functions to fhirpath.js', () => {
    const expressions = defs.servedTypes.flatMap((t) => [...defs.searchParameters(t).values()].filter((p) => p.expression && p.table).map((p) => [t, p.expression!] as const));
    const compiled = expressions.filter(([t, e]) => compileElementPaths(defs.baseStructures, t, e));
    expect(compiled.length / expressions.length).toBeGreaterThan(0.8);
    expect(compileElementPaths(defs.baseStructures, 'Task', 'Task.for.where(resolve() is Patient)')).toBeDefined();
    expect(compileElementPaths(defs.baseStructures, 'Observation', 'Observation.value as Quantity')).toBeUndefined();
    expect(compileElementPaths(defs.baseStructures, 'Observation', 'Observation.effective')).toBeUndefined();
    expect(compileElementPaths(defs.baseStructures, 'Patient', "Patient.telecom.where(system='email')")).toBeUndefined();
  });

  it('count a value two branches of a union both find once, as FHIRPath does', () => {
    const both = compileElementPaths(defs.baseStructures, 'Task', 'Task.for | Task.for.where(resolve() is Patient)')!;
    expect(both({ resourceType: 'Task', for: { reference: 'Patient/1' } } as unknown as Resource)).toEqual([{ type: 'Reference', value: { reference: 'Patient/1' } }]);
  });
});
