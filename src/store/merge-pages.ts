import type { SearchPage, SearchQuery, StoredMatch } from './search/query.ts';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of a search whose parts come from different tables. Only `_id` and `_lastUpdated` can be compared
 * across them; under any other sort key a part's own order is kept and the parts follow one another, as resources
 * that lack the key sort last.
 */
function comparator(query: SearchQuery): ((a: StoredMatch, b: StoredMatch) => number) | undefined {
  const keys = query.sort;
  if (keys.some((k) => k.kind === 'param')) return undefined;
  return (a, b) => {
    for (const key of keys) {
      const order = key.kind === 'id' ? compareText(a.id, b.id) : Date.parse(a.lastUpdated) - Date.parse(b.lastUpdated);
      if (order !== 0) return key.descending ? -order : order;
    }
    return compareText(a.resourceType, b.resourceType) || compareText(a.id, b.id);
  };
}

/** One page of a search from the first `offset + count` matches of each part (each asked with offset 0). */
export function mergePages(parts: readonly SearchPage[], query: SearchQuery): SearchPage {
  const compare = comparator(query);
  const all = parts.flatMap((p) => p.matches);
  if (compare) all.sort(compare);
  const end = query.offset + query.count;
  const totals = parts.map((p) => p.total);
  return {
    matches: all.slice(query.offset, end),
    hasMore: all.length > end || parts.some((p) => p.hasMore),
    total: totals.every((t) => t === undefined) ? undefined : totals.reduce<number>((n, t) => n + (t ?? 0), 0),
  };
}
