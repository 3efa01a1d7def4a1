/**
 * Conditional create and update check, then write: the advisory lock on this key makes the pair atomic among
 * concurrent requests with the same condition, over HTTP and in transaction Bundles alike.
 */
export function conditionalLockKey(kind: 'create' | 'update', resourceType: string, query: string): string {
  return `conditional-${kind}:${resourceType}?${query}`;
}

/** The search part of an If-None-Exist value, which may be given as `Type?query` or as the query alone. */
export function ifNoneExistQuery(condition: string): string {
  return condition.includes('?') ? condition.slice(condition.indexOf('?') + 1) : condition;
}
