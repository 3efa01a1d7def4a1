import type { WriteContext } from '../fhir/index.ts';
import { WorkflowErrors } from './errors.ts';
import { countingDependants } from './referral-dependants.ts';

function statusOf(resource: unknown): unknown {
  return (resource as { status?: unknown } | undefined)?.status;
}

/**
 * `storage.preWrite` on deletes and on updates to `entered-in-error`: a Patient, Consent, ServiceRequest or
 * feedback Communication that a referral rests on stays, so the referral keeps its resident, consent, request and
 * feedback, and the municipality's figures keep the referral (409 naming the Tasks). Plain, conditional and Bundle
 * deletes all reach this hook through the engine's one write path. To remove one, the referrals on it are first
 * entered in error, which the state machine allows only while nothing has happened yet.
 */
export async function chainIntegrity(ctx: WriteContext): Promise<void> {
  const deleting = ctx.operation === 'delete';
  const retracting = !deleting && statusOf(ctx.resource) === 'entered-in-error' && statusOf(ctx.previous) !== 'entered-in-error';
  if (!deleting && !retracting) return;
  const dependants = await countingDependants(ctx.tx, ctx.resourceType, ctx.id);
  if (!dependants || dependants.length === 0) return;
  const what = deleting ? 'deleted' : 'marked entered-in-error';
  throw WorkflowErrors.inUse([`${ctx.resourceType}/${ctx.id}`, what, dependants.join(', ')], { expression: [deleting ? ctx.resourceType : `${ctx.resourceType}.status`] });
}
