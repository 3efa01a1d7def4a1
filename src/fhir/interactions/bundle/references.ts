// https://hl7.org/fhir/R4/bundle.html#references: how references between the entries of a Bundle resolve

/** Called for each `reference` string; returns its replacement, or undefined to keep it. */
export type ReplaceReference = (reference: string, path: string) => string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * A deep copy of `value` in which every string-valued `reference` property, wherever it sits (contained resources,
 * extensions, JSON Patch values), is passed through `replace`. `path` names the element holding the reference.
 */
export function rewriteReferences<T>(value: T, replace: ReplaceReference, path = ''): T {
  if (Array.isArray(value)) return value.map((item, i) => rewriteReferences(item as unknown, replace, childPath(path, i))) as T;
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'reference' && typeof child === 'string') copy[key] = replace(child, path) ?? child;
    else copy[key] = rewriteReferences(child, replace, childPath(path, key));
  }
  return copy as T;
}

export interface FoundReference {
  readonly reference: string;
  /** Where the Reference element is, relative to the resource: "subject", "participant[0].individual". */
  readonly path: string;
}

export function collectReferences(value: unknown): FoundReference[] {
  const found: FoundReference[] = [];
  rewriteReferences(value, (reference, path) => {
    found.push({ reference, path });
    return undefined;
  });
  return found;
}

/** `Patient?identifier=...`: resolved by a search (http.html#trules, conditional references). */
export function isConditionalReference(reference: string): boolean {
  return /^[A-Z][A-Za-z]*\?/.test(reference);
}

/** `urn:uuid:` and `urn:oid:` identify an entry of the Bundle that has no server id yet. */
export function isPlaceholder(reference: string): boolean {
  return /^urn:(uuid|oid):/.test(reference);
}

const RESTFUL_URL = /^(https?:\/\/.+)\/([A-Z][A-Za-z]*)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The base of an absolute RESTful fullUrl (`http://x/fhir/Patient/1` → `http://x/fhir`); undefined for others. */
export function baseOf(fullUrl: string | undefined): string | undefined {
  return fullUrl === undefined ? undefined : RESTFUL_URL.exec(fullUrl)?.[1];
}

/**
 * What a reference in an entry means when it names another entry: exactly its fullUrl, or a relative `Type/id`
 * read against the base of the containing entry's fullUrl (bundle.html#references). Undefined when it names none.
 */
export function resolveAgainstEntries(reference: string, entryBase: string, targets: ReadonlyMap<string, string>): string | undefined {
  const exact = targets.get(reference);
  if (exact !== undefined) return exact;
  if (!/^[A-Z][A-Za-z]*\/[A-Za-z0-9\-.]{1,64}$/.test(reference)) return undefined;
  return targets.get(`${entryBase}/${reference}`);
}
