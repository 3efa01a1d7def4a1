/**
 * A reference string as the index and the search both read it (https://hl7.org/fhir/R4/references.html):
 * relative `Type/id[/_history/v]`, the same under our own base URL, or any other absolute URL.
 */
export type ReferenceTarget =
  | { kind: 'local'; type: string; id: string; version?: string }
  | { kind: 'url'; url: string };

const LOCAL = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;
const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Undefined for contained (`#x`) and malformed relative references. */
export function referenceTarget(reference: string, baseUrl: string): ReferenceTarget | undefined {
  const relative = reference.startsWith(`${baseUrl}/`) ? reference.slice(baseUrl.length + 1) : reference;
  const m = LOCAL.exec(relative);
  if (m) return m[3] === undefined ? { kind: 'local', type: m[1]!, id: m[2]! } : { kind: 'local', type: m[1]!, id: m[2]!, version: m[3] };
  if (ABSOLUTE.test(reference)) return { kind: 'url', url: reference };
  return undefined;
}

/** A canonical may carry `|version`; the index keeps both forms so either finds it. */
export function canonicalForms(url: string): string[] {
  const bar = url.indexOf('|');
  return bar < 0 ? [url] : [url.slice(0, bar), url];
}
