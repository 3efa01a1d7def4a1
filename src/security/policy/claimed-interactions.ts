import type { CapabilityStatement, CapabilityStatementRestResourceInteraction } from '@medplum/fhirtypes';
import type { InteractionCode } from '../../fhir/index.ts';
import { ROLES } from '../roles.ts';
import { roleAllows } from './access-policy.ts';
import { actionFor } from './interaction-actions.ts';

function someRoleMay(type: string, interaction: CapabilityStatementRestResourceInteraction['code']): boolean {
  const action = actionFor(interaction as InteractionCode, type);
  return action === undefined || ROLES.some((role) => roleAllows(role, type, action));
}

/**
 * A CapabilityStatement contribution: the engine claims every interaction its routes serve, and this removes those
 * no role may ever perform on a type (writing the audit trail), with the conditional forms that rest on them, so
 * a client is not promised what every token is refused.
 */
export function claimOnlyPermitted(statement: CapabilityStatement): void {
  for (const resource of statement.rest?.flatMap((r) => r.resource ?? []) ?? []) {
    resource.interaction = resource.interaction?.filter((i) => someRoleMay(resource.type, i.code));
    const claims = (code: string) => resource.interaction?.some((i) => i.code === code) === true;
    if (!claims('create')) resource.conditionalCreate = false;
    if (!claims('update')) resource.conditionalUpdate = false;
    if (!claims('update') || !claims('create')) resource.updateCreate = false;
    if (!claims('delete')) resource.conditionalDelete = 'not-supported';
  }
}
