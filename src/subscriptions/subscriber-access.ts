import type { FastifyBaseLogger } from 'fastify';
import type { Engine, InteractionContext, Principal } from '../fhir/index.ts';
import type { Filter } from '../store/index.ts';

/**
 * Which of `references` ("Type/id") a subscriber may read, decided by the access policy's own read filters (the same
 * SQL a search by that client runs), so a notification never tells a subscriber about what it could not read itself.
 * One query per resource type, whatever the number of references: the worker checks a whole batch at once.
 */
export async function readableBy(engine: Engine, principal: Principal, log: FastifyBaseLogger, references: Iterable<string>): Promise<Set<string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const reference of references) {
    const [type, id] = reference.split('/');
    if (!type || !id) continue;
    const ids = idsByType.get(type) ?? new Set<string>();
    ids.add(id);
    idsByType.set(type, ids);
  }
  const readable = new Set<string>();
  for (const [resourceType, ids] of idsByType) {
    const context: InteractionContext = {
      interaction: 'search-type',
      resourceType,
      request: { method: 'GET', path: resourceType, query: [], headers: {} },
      principal,
      log,
      requestId: 'subscription-match',
    };
    const scopes = await engine.hooks.collect('search.scope', { interaction: context, resourceType });
    const filters: Filter[] = [{ kind: 'id', ids: [...ids] }, ...scopes];
    const page = await engine.repo.search({ resourceTypes: [resourceType], filter: { kind: 'and', filters }, sort: [], count: ids.size, offset: 0, total: 'none' });
    for (const match of page.matches) readable.add(`${resourceType}/${match.id}`);
  }
  return readable;
}
