/**
 * Bounds on the work one request may cause, checked before the expensive part (parsing a search into SQL, opening
 * a transaction, validating). Each refusal names the limit as the operator sets it, so a client that meets one knows
 * what to ask for and an operator knows what to raise.
 */
export interface FhirLimits {
  /** Nesting of objects and arrays in a JSON body, and in a resource a patch builds. */
  readonly maxJsonDepth: number;
  /** Entries of a transaction or batch Bundle. */
  readonly maxBundleEntries: number;
  /** Contained resources in one resource. */
  readonly maxContained: number;
  /** Items in one JSON array of a body: the FHIRPath library spreads arrays onto the stack, so huge ones overflow it. */
  readonly maxArrayItems: number;
  /** Keys of `_sort`. */
  readonly maxSortKeys: number;
  /** `_include` and `_revinclude` values together. */
  readonly maxIncludes: number;
  /** Resources `_include`/`_revinclude` (with `:iterate`) add to one page; beyond it the page stops with a warning. */
  readonly maxIncludedResources: number;
  /** Links of a chained parameter (`subject.organization.name` has 2). */
  readonly maxChainDepth: number;
  /** Nested `_has` of one parameter. */
  readonly maxHasDepth: number;
  /** Occurrences of one search parameter name in one search. */
  readonly maxParameterRepeats: number;
  /** Comma-separated values (ORs) of one search parameter. */
  readonly maxParameterValues: number;
}

export const DEFAULT_LIMITS: FhirLimits = {
  // FHIR resources nest a dozen levels at most; this leaves room for extensions of extensions.
  maxJsonDepth: 100,
  maxBundleEntries: 1000,
  maxContained: 100,
  maxArrayItems: 10_000,
  maxSortKeys: 5,
  maxIncludes: 10,
  maxIncludedResources: 1000,
  maxChainDepth: 3,
  maxHasDepth: 2,
  maxParameterRepeats: 50,
  maxParameterValues: 100,
};

/** The environment variable each limit is configured by (`src/config.ts` reads them), as refusals name them. */
export const LIMIT_NAMES: Readonly<Record<keyof FhirLimits, string>> = {
  maxJsonDepth: 'MAX_JSON_DEPTH',
  maxBundleEntries: 'MAX_BUNDLE_ENTRIES',
  maxContained: 'MAX_CONTAINED',
  maxArrayItems: 'MAX_ARRAY_ITEMS',
  maxSortKeys: 'MAX_SORT_KEYS',
  maxIncludes: 'MAX_INCLUDES',
  maxIncludedResources: 'MAX_INCLUDED_RESOURCES',
  maxChainDepth: 'MAX_CHAIN_DEPTH',
  maxHasDepth: 'MAX_HAS_DEPTH',
  maxParameterRepeats: 'MAX_PARAMETER_REPEATS',
  maxParameterValues: 'MAX_PARAMETER_VALUES',
};

/** `MAX_SORT_KEYS=5`: how a refusal names the limit it met. */
export function limitLabel(limits: FhirLimits, key: keyof FhirLimits): string {
  return `${LIMIT_NAMES[key]}=${limits[key]}`;
}
