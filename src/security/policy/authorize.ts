import type { InteractionContext } from '../../fhir/index.ts';
import { SecurityErrors } from '../errors.ts';
import { permits } from '../scopes.ts';
import { APPEND_ONLY_TYPES, roleAllows } from './access-policy.ts';
import { actionFor, WRITE_ACTIONS } from './interaction-actions.ts';

/**
 * `interaction.authorize`: the token's scopes and the organisation's role must both allow the interaction on its
 * type. Which instances it reaches is left to the read filters, so a resource out of reach answers 404, not 403.
 */
export async function authorizeInteraction(ctx: InteractionContext): Promise<void> {
  if (ctx.interaction === 'capabilities') return;
  const principal = ctx.principal;
  if (!principal) throw SecurityErrors.noToken();
  // Checking a Bundle or an Encounter that is not stored here reads and writes nothing: any client may ask.
  if (ctx.interaction === 'operation' && ctx.unstoredType) return;
  const type = ctx.resourceType;
  const action = actionFor(ctx.interaction, type);
  if (type === undefined || action === undefined) return;
  if (APPEND_ONLY_TYPES.has(type) && WRITE_ACTIONS.has(action)) throw SecurityErrors.appendOnly();
  if (!permits(principal.scopes, type, action)) throw SecurityErrors.scopeMissing([ctx.interaction, type]);
  if (!roleAllows(principal.role, type, action)) throw SecurityErrors.roleForbids([principal.role, ctx.interaction, type]);
}
