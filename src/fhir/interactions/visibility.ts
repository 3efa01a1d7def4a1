import type { Filter, Repository, ResourceVersion } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import type { InteractionContext } from '../hooks/points.ts';

/**
 * Which of `ids` (of one type) the caller may see, by the same scope filters searches use, evaluated in SQL in one
 * query. Without scope hooks, or when none applies, all are visible and no query is made; with a scope, a deleted
 * resource is not (its index rows are gone).
 */
export async function visibleIds(engine: Engine, context: InteractionContext, resourceType: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0 || !engine.hooks.has('search.scope')) return new Set(ids);
  const scopes = await engine.hooks.collect('search.scope', { interaction: context, resourceType });
  if (scopes.length === 0) return new Set(ids);
  return idsMatching(engine.repo, resourceType, ids, scopes);
}

/** Which of `ids` (of one type, current and not deleted) match every one of `filters`, in one query. */
export async function idsMatching(repo: Repository, resourceType: string, ids: readonly string[], filters: readonly Filter[]): Promise<Set<string>> {
  const page = await repo.search({
    resourceTypes: [resourceType],
    filter: { kind: 'and', filters: [{ kind: 'id', ids: [...ids] }, ...filters] },
    sort: [],
    count: ids.length,
    offset: 0,
    total: 'none',
  });
  return new Set(page.matches.map((m) => m.id));
}

/**
 * Whether the caller may see this resource. A deletion leaves nothing to test a scope on: a scoped caller cannot
 * tell it existed, nor vread its old versions.
 */
export async function visibleToCaller(engine: Engine, context: InteractionContext, version: ResourceVersion): Promise<boolean> {
  return (await visibleIds(engine, context, version.resourceType, [version.id])).has(version.id);
}
