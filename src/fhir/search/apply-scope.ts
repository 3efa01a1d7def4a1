import type { Filter } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import type { InteractionContext } from '../hooks/points.ts';

/** The `search.scope` filters for one resource type, asked once per type per search. */
export type ScopeLookup = (resourceType: string) => Promise<Filter[]>;

export function scopeLookup(engine: Engine, context: InteractionContext): ScopeLookup {
  if (!engine.hooks.has('search.scope')) return async () => [];
  const cache = new Map<string, Promise<Filter[]>>();
  return (resourceType) => {
    let filters = cache.get(resourceType);
    if (!filters) {
      filters = engine.hooks.collect('search.scope', { interaction: context, resourceType });
      cache.set(resourceType, filters);
    }
    return filters;
  };
}

function allOf(filters: Filter[]): Filter | undefined {
  // One flat AND, so the store can still drive the search from one of the caller's own parameter tests.
  const flat = filters.flatMap((f) => (f.kind === 'and' ? f.filters : [f]));
  return flat.length === 0 ? undefined : flat.length === 1 ? flat[0] : { kind: 'and', filters: flat };
}

/** Groups types whose scope filters are the same, so one condition covers each group. */
async function groupByScope(types: readonly string[], scope: ScopeLookup): Promise<{ types: string[]; filters: Filter[] }[]> {
  const groups = new Map<string, { types: string[]; filters: Filter[] }>();
  for (const type of types) {
    const filters = await scope(type);
    const key = JSON.stringify(filters);
    const group = groups.get(key);
    if (group) group.types.push(type);
    else groups.set(key, { types: [type], filters });
  }
  return [...groups.values()];
}

/** Chained and reverse-chained resources are scoped too; otherwise a chain would reveal what a search may not show. */
async function scopeNested(filter: Filter, scope: ScopeLookup): Promise<Filter> {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return { kind: filter.kind, filters: await Promise.all(filter.filters.map((f) => scopeNested(f, scope))) };
    case 'not':
      return { kind: 'not', filter: await scopeNested(filter.filter, scope) };
    case 'has': {
      const inner = await scopeNested(filter.filter, scope);
      return { ...filter, filter: allOf([inner, ...(await scope(filter.sourceType))])! };
    }
    case 'chain': {
      const inner = await scopeNested(filter.filter, scope);
      const groups = await groupByScope(filter.targetTypes, scope);
      const chains: Filter[] = groups.map((g) => ({ ...filter, targetTypes: g.types, filter: allOf([inner, ...g.filters])! }));
      return chains.length === 1 ? chains[0]! : { kind: 'or', filters: chains };
    }
    default:
      return filter;
  }
}

/**
 * ANDs each searched type's scope into the query (https://hl7.org/fhir/R4/security.html: what a search
 * returns is limited to what the caller may see). A system search whose types differ in scope gets one
 * branch per group of types.
 */
export async function applyScopes(filter: Filter | undefined, types: readonly string[], scope: ScopeLookup): Promise<Filter | undefined> {
  const nested = filter && (await scopeNested(filter, scope));
  const groups = await groupByScope(types, scope);
  if (groups.length === 1) return allOf([...(nested ? [nested] : []), ...groups[0]!.filters]);
  const branches: Filter[] = groups.map((g) => allOf([{ kind: 'type', resourceTypes: g.types }, ...g.filters])!);
  return allOf([...(nested ? [nested] : []), { kind: 'or', filters: branches }]);
}
