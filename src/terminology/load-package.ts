import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CanonicalIndex, isCanonicalType, type CanonicalResource } from './canonical.ts';

export interface LoadedPackage {
  readonly index: CanonicalIndex;
  /** Files that could not be read as JSON, with the reason: logged, never fatal (the package may be mid-build). */
  readonly skipped: readonly { file: string; reason: string }[];
}

interface MaybeBundle {
  resourceType?: unknown;
  entry?: { resource?: CanonicalResource }[];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function addResources(index: CanonicalIndex, json: MaybeBundle): void {
  if (json.resourceType === 'Bundle') {
    for (const entry of json.entry ?? []) if (entry.resource) index.add(entry.resource);
    return;
  }
  if (typeof json.resourceType === 'string' && isCanonicalType(json.resourceType)) index.add(json as CanonicalResource);
}

/**
 * Reads the CodeSystems, ValueSets and ConceptMaps of Brug's own package: every JSON file under `dir`, single
 * resources or Bundles of them. A missing or empty folder gives an empty index; other files are ignored.
 */
export function loadPackage(dir: string): LoadedPackage {
  const index = new CanonicalIndex();
  const skipped: { file: string; reason: string }[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { index, skipped };
  for (const file of jsonFiles(dir)) {
    try {
      addResources(index, JSON.parse(readFileSync(file, 'utf8')) as MaybeBundle);
    } catch (err) {
      skipped.push({ file, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { index, skipped };
}
