// Reads the checked-in FHIR package (profiles/package/) and the invalid test cases for the profile tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource, StructureDefinition } from '@medplum/fhirtypes';

export const ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_DIR = path.join(ROOT, 'profiles', 'package');
export const INVALID_DIR = path.join(ROOT, 'profiles', 'test-cases', 'invalid');

/** The `.index.json` entry format is the build's own; the tests read it with the same type. */
import type { IndexEntry as IndexFile } from '../../scripts/profiles/assemble.ts';

export type { IndexFile };

export interface PackageManifest {
  name: string;
  version: string;
  canonical: string;
  fhirVersions: string[];
  dependencies: Record<string, string>;
  [key: string]: unknown;
}

export type CanonicalResource = Resource & { id: string; url: string; version?: string };

export interface InvalidCase {
  file: string;
  profile: string;
  rule: string;
  expression: string;
  terminology: boolean;
  note: string;
  resource: Resource;
}

function readJsonFile<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The JSON files of a package folder (not package.json or .index.json), by file name. */
export function resourceFiles(dir: string): Map<string, Resource> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'package.json' && !name.startsWith('.'));
  return new Map(files.sort().map((name) => [name, readJsonFile<Resource>(path.join(dir, name))]));
}

export function readManifest(): PackageManifest {
  return readJsonFile<PackageManifest>(path.join(PACKAGE_DIR, 'package.json'));
}

export function readIndex(dir: string): { 'index-version': number; files: IndexFile[] } {
  return readJsonFile(path.join(dir, '.index.json'));
}

export function conformanceResources(): CanonicalResource[] {
  return [...resourceFiles(PACKAGE_DIR).values()] as CanonicalResource[];
}

export function structureDefinitions(): StructureDefinition[] {
  return conformanceResources().filter((r): r is StructureDefinition & CanonicalResource => r.resourceType === 'StructureDefinition');
}

export function examples(): Resource[] {
  return [...resourceFiles(path.join(PACKAGE_DIR, 'example')).values()];
}

/** The deliberately invalid instances, with the {{canonical}} token replaced by the package's canonical. */
export function invalidCases(): InvalidCase[] {
  const canonical = readManifest().canonical;
  const index = readJsonFile<{ cases: Omit<InvalidCase, 'resource'>[] }>(path.join(INVALID_DIR, 'index.json'));
  return index.cases.map((entry) => ({
    ...entry,
    resource: JSON.parse(readFileSync(path.join(INVALID_DIR, entry.file), 'utf8').split('{{canonical}}').join(canonical)) as Resource,
  }));
}

export function profileOf(resource: Resource): string | undefined {
  return resource.meta?.profile?.[0];
}
