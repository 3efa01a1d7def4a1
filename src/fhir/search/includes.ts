import type { Repository, StoredMatch } from '../../store/index.ts';
import type { ScopeLookup } from './apply-scope.ts';
import type { IncludeRequest } from './parse-result-params.ts';

/** `:iterate` follows included resources this many levels beyond the first, to bound the work. */
const MAX_ITERATIONS = 3;

interface Key {
  resourceType: string;
  id: string;
}

const keyOf = (k: Key): string => `${k.resourceType}/${k.id}`;

function idsOf(resources: readonly StoredMatch[], type: string): string[] {
  return resources.filter((r) => r.resourceType === type).map((r) => r.id);
}

/** What the given resources refer to (_include) and what refers to them (_revinclude), as keys. */
async function linkedKeys(repo: Repository, from: readonly StoredMatch[], include: IncludeRequest[], revinclude: IncludeRequest[]): Promise<Key[]> {
  const keys: Key[] = [];
  for (const spec of include) {
    const ids = idsOf(from, spec.sourceType);
    if (ids.length === 0) continue;
    for (const link of await repo.referencesFrom(spec.sourceType, ids, spec.param, spec.targetType)) {
      keys.push({ resourceType: link.targetType, id: link.targetId });
    }
  }
  const fromTypes = [...new Set(from.map((r) => r.resourceType))];
  for (const spec of revinclude) {
    for (const type of fromTypes.filter((t) => spec.targetType === undefined || spec.targetType === t)) {
      for (const link of await repo.referencesTo(spec.sourceType, spec.param, type, idsOf(from, type))) {
        keys.push({ resourceType: link.resourceType, id: link.id });
      }
    }
  }
  return keys;
}

/** Reads resources by key, each type limited by its search scope: an include must not show what a search would not. */
async function readScoped(repo: Repository, scope: ScopeLookup, keys: readonly Key[]): Promise<StoredMatch[]> {
  const found: StoredMatch[] = [];
  for (const type of new Set(keys.map((k) => k.resourceType))) {
    const ids = keys.filter((k) => k.resourceType === type).map((k) => k.id);
    const filters = await scope(type);
    if (filters.length === 0) {
      found.push(...(await repo.readMany(ids.map((id) => ({ resourceType: type, id })))));
      continue;
    }
    const filter = { kind: 'and' as const, filters: [{ kind: 'id' as const, ids }, ...filters] };
    found.push(...(await repo.search({ resourceTypes: [type], filter, sort: [], count: ids.length, offset: 0, total: 'none' })).matches);
  }
  const order = new Map(keys.map((k, i) => [keyOf(k), i]));
  return found.sort((a, b) => order.get(keyOf(a))! - order.get(keyOf(b))!);
}

/** Keys not met before, each once; marks them as met. */
function unseen(keys: readonly Key[], seen: Set<string>): Key[] {
  const fresh: Key[] = [];
  for (const key of keys) {
    if (seen.has(keyOf(key))) continue;
    seen.add(keyOf(key));
    fresh.push(key);
  }
  return fresh;
}

export interface IncludeResult {
  included: StoredMatch[];
  /** True when more would have been included than `limit` allows. */
  truncated: boolean;
}

/**
 * `_include` and `_revinclude` (https://hl7.org/fhir/R4/search.html#include): first from the matches, then,
 * for `:iterate`, from what was just included. Each resource appears once, matches taking precedence.
 */
export async function resolveIncludes(
  repo: Repository,
  scope: ScopeLookup,
  matches: readonly StoredMatch[],
  requests: { include: IncludeRequest[]; revinclude: IncludeRequest[] },
  limit: number,
): Promise<IncludeResult> {
  const seen = new Set(matches.map(keyOf));
  const included: StoredMatch[] = [];
  let frontier = matches;
  let { include, revinclude } = requests;
  for (let level = 0; level <= MAX_ITERATIONS && frontier.length > 0; level++) {
    if (include.length === 0 && revinclude.length === 0) break;
    const fresh = unseen(await linkedKeys(repo, frontier, include, revinclude), seen);
    const room = limit - included.length;
    if (fresh.length > room) {
      included.push(...(await readScoped(repo, scope, fresh.slice(0, room))));
      return { included, truncated: true };
    }
    frontier = await readScoped(repo, scope, fresh);
    included.push(...frontier);
    include = include.filter((r) => r.iterate);
    revinclude = revinclude.filter((r) => r.iterate);
  }
  return { included, truncated: false };
}
