/** Query pairs back to a query string, in their order (for conditional requests and links). */
export function queryString(query: readonly [string, string][], skip: readonly string[] = ['_format', '_pretty']): string {
  return query
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}
