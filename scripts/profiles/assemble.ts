// Turns SUSHI's output into an NPM-format FHIR package: package/package.json, package/.index.json, one JSON file per
// conformance resource, and the example instances under package/example/ (with their own .index.json).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTgz } from './tar.ts';
import type { TarEntry } from './tar.ts';

export const PACKAGE_NAME = 'brug.sociaalverwijzen.r4';
export const CANONICAL_TOKEN = '{{canonical}}';

/** The resource types that make up the contract; every other generated resource is an example. */
export const CONFORMANCE_TYPES = new Set(['StructureDefinition', 'CodeSystem', 'ValueSet', 'ConceptMap', 'SearchParameter']);

export interface SushiConfig {
  canonical: string;
  version: string;
}

interface FhirResource {
  resourceType: string;
  id: string;
  url?: string;
  version?: string;
  kind?: string;
  type?: string;
  [key: string]: unknown;
}

/** One file's line in `.index.json` (the NPM FHIR package index format). */
export type IndexEntry = Pick<FhirResource, 'resourceType' | 'id' | 'url' | 'version' | 'kind' | 'type'> & { filename: string };

/** Reads `canonical` and `version` from sushi-config.yaml (flat `key: value` lines; no YAML library needed). */
export function readSushiConfig(file: string): SushiConfig {
  const text = readFileSync(file, 'utf8');
  const value = (key: string): string => {
    const match = new RegExp(`^${key}:\\s*(\\S+)\\s*$`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`${file} has no '${key}'`);
    return match[1];
  };
  return { canonical: value('canonical').replace(/\/$/, ''), version: value('version') };
}

/** Replaces the {{canonical}} token in every string (FHIRPath expressions that name our own extensions). */
function replaceToken(value: unknown, canonical: string): unknown {
  if (typeof value === 'string') return value.split(CANONICAL_TOKEN).join(canonical);
  if (Array.isArray(value)) return value.map((item) => replaceToken(item, canonical));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceToken(item, canonical)]));
  }
  return value;
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function indexEntry(filename: string, resource: FhirResource): IndexEntry {
  const entry: IndexEntry = { filename, resourceType: resource.resourceType, id: resource.id };
  if (resource.url) entry.url = resource.url;
  if (resource.version) entry.version = resource.version;
  if (resource.resourceType === 'StructureDefinition') {
    entry.kind = resource.kind;
    entry.type = resource.type;
  }
  return entry;
}

function writeIndex(dir: string, entries: IndexEntry[]): void {
  writeFileSync(join(dir, '.index.json'), toJson({ 'index-version': 1, files: entries }));
}

export function packageManifest(config: SushiConfig): Record<string, unknown> {
  return {
    name: PACKAGE_NAME,
    version: config.version,
    type: 'IG',
    title: 'Brug sociaal verwijzen',
    description:
      'Profielen, terminologie en zoekparameters voor sociaal verwijzen (Brug). ' +
      'Profiles, terminology and search parameters for Dutch social prescribing.',
    author: 'Brug',
    license: 'EUPL-1.2',
    canonical: config.canonical,
    url: config.canonical,
    fhirVersions: ['4.0.1'],
    jurisdiction: 'urn:iso:std:iso:3166#NL',
    dependencies: { 'hl7.fhir.r4.core': '4.0.1' },
  };
}

/**
 * The ImplementationGuide resource IG tools and registries look for in a package: what it is, under which canonical,
 * on which FHIR version, and every conformance resource it defines. The package is the whole guide; there is no
 * narrative site.
 */
export function implementationGuide(config: SushiConfig, resources: readonly IndexEntry[]): FhirResource {
  return {
    resourceType: 'ImplementationGuide',
    id: 'brug-sociaalverwijzen',
    url: `${config.canonical}/ImplementationGuide/brug-sociaalverwijzen`,
    version: config.version,
    name: 'BrugSociaalVerwijzen',
    title: 'Brug sociaal verwijzen',
    status: 'draft',
    publisher: 'Brug',
    description: 'NL: Profielen, terminologie en zoekparameters voor sociaal verwijzen (Brug). EN: Profiles, terminology and search parameters for Dutch social prescribing.',
    jurisdiction: [{ coding: [{ system: 'urn:iso:std:iso:3166', code: 'NL' }] }],
    license: 'EUPL-1.2',
    packageId: PACKAGE_NAME,
    fhirVersion: ['4.0.1'],
    dependsOn: [{ id: 'hl7_fhir_r4_core', uri: 'http://hl7.org/fhir', packageId: 'hl7.fhir.r4.core', version: '4.0.1' }],
    definition: {
      resource: resources.map((entry) => ({
        reference: { reference: `${entry.resourceType}/${entry.id}` },
        name: entry.id,
        exampleBoolean: false,
      })),
    },
  };
}

export interface AssembleResult {
  conformance: number;
  examples: number;
  tgzPath: string;
}

/**
 * Assembles `<outDir>/package/` from SUSHI's generated resources and writes
 * `<outDir>/<name>-<version>.tgz` with the same files under `package/`.
 */
export function assemblePackage(generatedDir: string, config: SushiConfig, outDir: string): AssembleResult {
  const packageDir = join(outDir, 'package');
  const exampleDir = join(packageDir, 'example');
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(exampleDir, { recursive: true });

  const conformance: IndexEntry[] = [];
  const examples: IndexEntry[] = [];
  const files = readdirSync(generatedDir).filter((file) => file.endsWith('.json')).sort();
  for (const file of files) {
    const raw = JSON.parse(readFileSync(join(generatedDir, file), 'utf8')) as FhirResource;
    const resource = replaceToken(raw, config.canonical) as FhirResource;
    const filename = `${resource.resourceType}-${resource.id}.json`;
    if (CONFORMANCE_TYPES.has(resource.resourceType)) {
      // SUSHI versions profiles and terminology from sushi-config; instances of SearchParameter and ConceptMap too.
      if (!resource.version) resource.version = config.version;
      writeFileSync(join(packageDir, filename), toJson(resource));
      conformance.push(indexEntry(filename, resource));
    } else {
      writeFileSync(join(exampleDir, filename), toJson(resource));
      examples.push(indexEntry(filename, resource));
    }
  }
  const leftover = [...conformance, ...examples].filter((entry) => {
    const dir = CONFORMANCE_TYPES.has(entry.resourceType) ? packageDir : exampleDir;
    return readFileSync(join(dir, entry.filename), 'utf8').includes(CANONICAL_TOKEN);
  });
  if (leftover.length > 0) throw new Error(`unreplaced ${CANONICAL_TOKEN} in ${leftover.map((e) => e.filename).join(', ')}`);

  const guide = implementationGuide(config, conformance);
  const guideFile = `ImplementationGuide-${guide.id}.json`;
  writeFileSync(join(packageDir, guideFile), toJson(guide));
  conformance.push(indexEntry(guideFile, guide));
  writeFileSync(join(packageDir, 'package.json'), toJson(packageManifest(config)));
  writeIndex(packageDir, conformance);
  writeIndex(exampleDir, examples);

  const tgzPath = join(outDir, `${PACKAGE_NAME}-${config.version}.tgz`);
  writeFileSync(tgzPath, createTgz(tarEntries(packageDir)));
  return { conformance: conformance.length, examples: examples.length, tgzPath };
}

/** All files of the package folder as tar entries under `package/`, sorted so the archive is reproducible. */
export function tarEntries(packageDir: string): TarEntry[] {
  const entries: TarEntry[] = [];
  const walk = (dir: string, prefix: string): void => {
    const children = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) {
      const full = join(dir, child.name);
      if (child.isDirectory()) walk(full, `${prefix}/${child.name}`);
      else entries.push({ name: `${prefix}/${child.name}`, content: readFileSync(full) });
    }
  };
  walk(packageDir, 'package');
  return entries;
}
