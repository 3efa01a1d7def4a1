import type { Principal, WriteContext } from '../../fhir/index.ts';
import { FhirErrors } from '../../fhir/index.ts';
import type { Repository } from '../../store/index.ts';
import { SecurityErrors } from '../errors.ts';
import { roleAllows } from './access-policy.ts';
import { custodianTag, custodianTags, withCustodians } from './custodian.ts';
import { readScope } from './read-scopes.ts';
import { checkWriteContent } from './write-rules.ts';

/**
 * Whether the caller's organisation reads the resource as it stands before this write, by the same filter as every
 * read (by role: a token scoped to write only, `system/Task.u`, may still change what its organisation holds).
 */
async function readable(repo: Repository, principal: Principal, resourceType: string, id: string): Promise<boolean> {
  const scope = readScope(principal.role, principal.organization?.id, resourceType);
  if (scope === undefined) return true;
  const page = await repo.search({
    resourceTypes: [resourceType],
    filter: { kind: 'and', filters: [{ kind: 'id', ids: [id] }, scope] },
    sort: [],
    count: 1,
    offset: 0,
    total: 'none',
  });
  return page.matches.length > 0;
}

/**
 * `storage.preWrite`: inside the write's transaction, so what is checked is what gets written. A resource the
 * caller may not read is not there for it (404); content its role may not write is refused (403, with where);
 * the custodian tag is the server's: stamped on create, carried over on every later version.
 */
export async function guardWrite(ctx: WriteContext): Promise<void> {
  const principal = ctx.interaction.principal;
  if (!principal) throw SecurityErrors.noToken();
  const { resourceType, id } = ctx;
  const existing = ctx.previous !== undefined;
  if (existing && !(await readable(ctx.tx, principal, resourceType, id))) throw FhirErrors.notFound([resourceType, id]);
  // An update of an id that is not there creates it (http.html#upsert): that needs the right to create.
  const action = ctx.operation === 'delete' ? 'd' : existing ? 'u' : 'c';
  if (!roleAllows(principal.role, resourceType, action)) throw SecurityErrors.roleForbids([principal.role, existing ? ctx.operation : 'create', resourceType]);
  const organizationId = principal.organization?.id;
  if (organizationId === undefined && principal.role !== 'admin') throw SecurityErrors.notYours(['A client that acts for no organisation may not write']);
  // A delete removes what the organisation holds: the version it removes must pass the rule a write would.
  const content = ctx.operation === 'delete' ? ctx.previous : ctx.resource;
  if (organizationId !== undefined && content) await checkWriteContent(principal.role, { resource: content, previous: ctx.operation === 'delete' ? undefined : ctx.previous, organizationId, repo: ctx.tx });
  if (ctx.operation === 'delete' || !ctx.resource) return;
  if (existing) ctx.resource = withCustodians(ctx.resource, custodianTags(ctx.previous));
  else if (organizationId !== undefined) ctx.resource = withCustodians(ctx.resource, [custodianTag(organizationId)]);
}
