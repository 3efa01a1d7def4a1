import type { ResourceVersion } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import type { InteractionContext } from '../hooks/points.ts';

/**
 * Whether the caller may see this resource, by the same scope filters searches use, evaluated in SQL.
 * Without scope hooks everything is visible and no query is made; with a scope, a deleted resource is not.
 */
export async function visibleToCaller(engine: Engine, context: InteractionContext, version: ResourceVersion): Promise<boolean> {
  if (!engine.hooks.has('search.scope')) return true;
  const scopes = await engine.hooks.collect('search.scope', { interaction: context, resourceType: version.resourceType });
  if (scopes.length === 0) return true;
  // A deletion leaves nothing to test a scope on: a scoped caller cannot tell it existed, nor vread its old versions.
  if (version.deleted) return false;
  const page = await engine.repo.search({
    resourceTypes: [version.resourceType],
    filter: { kind: 'and', filters: [{ kind: 'id', ids: [version.id] }, ...scopes] },
    sort: [],
    count: 1,
    offset: 0,
    total: 'none',
  });
  return page.matches.length > 0;
}
