import type { WriteContext } from '../../fhir/index.ts';
import { WorkflowErrors } from '../errors.ts';
import { isErased } from './residue.ts';

/**
 * `storage.preWrite`: an erased resource is frozen. An update would bring personal data back under the id the
 * figures count, and a move of an erased referral's Task would change the figures the erasure kept as they were.
 */
export async function erasedGuard(ctx: WriteContext): Promise<void> {
  if (isErased(ctx.previous)) throw WorkflowErrors.erased([`${ctx.resourceType}/${ctx.id}`], { expression: [ctx.resourceType] });
}
