// https://hl7.org/fhir/packages.html — reading the project's profiles from an NPM-layout FHIR package folder
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StructureDefinition } from '@medplum/fhirtypes';

export interface LoadedPackage {
  readonly name?: string;
  readonly version?: string;
  readonly structureDefinitions: readonly StructureDefinition[];
  /** Files that could not be read, in words for the log; a partial package still loads what it can. */
  readonly problems: readonly string[];
}

interface IndexFile {
  files?: { filename?: string; resourceType?: string }[];
}

function readJsonFile(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    problems.push(`${path.basename(file)}: ${(err as Error).message}`);
    return undefined;
  }
}

/** The JSON files that hold StructureDefinitions: from `.index.json` when it exists, else every `*.json` file. */
function candidateFiles(dir: string, problems: string[]): string[] {
  const indexPath = path.join(dir, '.index.json');
  if (existsSync(indexPath)) {
    const index = readJsonFile(indexPath, problems) as IndexFile | undefined;
    const listed = index?.files?.filter((f) => f.resourceType === 'StructureDefinition' && f.filename).map((f) => f.filename!);
    if (listed) return listed.map((f) => path.join(dir, f));
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
    .map((f) => path.join(dir, f));
}

/**
 * Loads the StructureDefinitions of a FHIR package folder (`package.json`, `.index.json`, one resource per file).
 * A missing folder is an empty package: the server then checks the base specification only.
 */
export function loadProfilePackage(dir: string): LoadedPackage {
  if (!existsSync(dir)) return { structureDefinitions: [], problems: [] };
  const problems: string[] = [];
  const manifest = existsSync(path.join(dir, 'package.json')) ? (readJsonFile(path.join(dir, 'package.json'), problems) as { name?: string; version?: string } | undefined) : undefined;
  const structureDefinitions: StructureDefinition[] = [];
  for (const file of candidateFiles(dir, problems)) {
    if (!existsSync(file)) {
      problems.push(`${path.basename(file)}: listed in .index.json but missing`);
      continue;
    }
    const resource = readJsonFile(file, problems) as { resourceType?: string } | undefined;
    if (resource?.resourceType !== 'StructureDefinition') continue;
    const sd = resource as StructureDefinition;
    if (!sd.snapshot?.element?.length) problems.push(`${path.basename(file)}: no snapshot, so it cannot be validated against`);
    else structureDefinitions.push(sd);
  }
  return { ...(manifest?.name ? { name: manifest.name } : {}), ...(manifest?.version ? { version: manifest.version } : {}), structureDefinitions, problems };
}
