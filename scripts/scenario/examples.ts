// The example bundles of examples/ as the scenario sends them: read from disk, with their placeholders filled in.
import { readFileSync } from 'node:fs';
import type { Bundle } from '@medplum/fhirtypes';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** The ids a later step refers to (see examples/README.md, "Placeholders"). */
export type Placeholders = Record<string, string>;

/** Which placeholder each `urn:uuid:` fullUrl of the examples fills once the server has given it an id. */
export const PLACEHOLDER_OF = JSON.parse(readFileSync(new URL('placeholders.json', EXAMPLES), 'utf8')) as Record<string, string>;

/** An example bundle with every `{{name}}` replaced; an unknown placeholder is an error, not a silent blank. */
export function exampleBundle(file: string, values: Placeholders): Bundle {
  const text = readFileSync(new URL(file, EXAMPLES), 'utf8').replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`examples/${file} needs {{${name}}}, which no earlier step produced`);
    return value;
  });
  return JSON.parse(text) as Bundle;
}

/** The id the server gave each entry of a transaction, by the entry's `fullUrl` (a `urn:uuid:` in the examples). */
export function idsByFullUrl(request: Bundle, response: Bundle): Record<string, string> {
  const ids: Record<string, string> = {};
  (response.entry ?? []).forEach((entry, i) => {
    const fullUrl = request.entry?.[i]?.fullUrl;
    const m = /^[A-Za-z]+\/([^/]+)/.exec(entry.response?.location ?? '');
    if (fullUrl && m) ids[fullUrl] = m[1]!;
  });
  return ids;
}
