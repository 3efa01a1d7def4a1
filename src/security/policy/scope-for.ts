import type { Principal } from '../../fhir/index.ts';
import type { Filter } from '../../store/index.ts';
import { permits } from '../scopes.ts';
import { NOTHING, readScope } from './read-scopes.ts';

/**
 * The `search.scope` filter of a caller on a type: what its role reads, and nothing of a type its token has no
 * read or search scope for (a system-level search then leaves that type out). Undefined: no limit.
 */
export function scopeFor(principal: Principal | undefined, resourceType: string): Filter | undefined {
  if (!principal) return NOTHING;
  if (!permits(principal.scopes, resourceType, 'r') && !permits(principal.scopes, resourceType, 's')) return NOTHING;
  return readScope(principal.role, principal.organization?.id, resourceType);
}
