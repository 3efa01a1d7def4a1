// https://hl7.org/fhir/R4/searchparameter.html — the SearchParameters a FHIR package folder defines
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchParameter } from '@medplum/fhirtypes';

/**
 * The SearchParameter resources of an NPM-layout package folder (one resource per `*.json` file), so the engine
 * indexes a profile's own parameters as it indexes the base ones. A missing folder defines none.
 */
export function readPackageSearchParameters(dir: string): SearchParameter[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json' && !f.startsWith('.'))
    .map((f) => parseOrUndefined(readFileSync(path.join(dir, f), 'utf8')))
    .filter((r): r is SearchParameter => r?.resourceType === 'SearchParameter');
}

// A file that is not JSON is the conformance layer's to report (package-loader.ts); here it defines nothing.
function parseOrUndefined(text: string): { resourceType?: string } | undefined {
  try {
    return JSON.parse(text) as { resourceType?: string };
  } catch {
    return undefined;
  }
}
