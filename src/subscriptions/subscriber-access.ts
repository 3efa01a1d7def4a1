import type { FastifyBaseLogger } from 'fastify';
import { visibleIds, type Engine, type InteractionContext, type Principal } from '../fhir/index.ts';

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
    for (const id of await visibleIds(engine, context, resourceType, [...ids])) readable.add(`${resourceType}/${id}`);
  }
  return readable;
}
