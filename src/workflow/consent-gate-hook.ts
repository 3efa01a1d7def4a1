import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import type { WriteContext } from '../fhir/index.ts';
import { readReferenced } from '../fhir/index.ts';
import { consentProblem, type ConsentProblem } from './consent-gate.ts';
import { WorkflowErrors } from './errors.ts';
import type { OrganizationOf } from './task-sides.ts';
import { FINAL, type TaskStatus } from './task-transitions.ts';

/** A referral in one of these no longer shares anything, so it needs no consent to be closed or corrected. */
const CLOSED_REQUEST_STATUSES = new Set(['revoked', 'completed', 'entered-in-error']);

export interface ConsentGateDeps {
  readonly organizationOf: OrganizationOf;
  /** Writes the workflow itself makes (a withdrawal cancelling Tasks): they only close referrals. */
}

/** The refusal: 422 on the element that names the consent and on the Consent element that does not fit. */
export function consentRefusal(problem: ConsentProblem, referringElement: string): Error {
  const expression = problem.consentExpression ? [referringElement, problem.consentExpression] : [referringElement];
  return WorkflowErrors.consentRequired([problem.reason], { expression });
}

/**
 * `storage.preWrite` on ServiceRequest and Task: every write that leaves a referral open needs a Consent that covers
 * it (consent-gate.ts), not only the first. A Task's create is checked by the state machine's `active-consent`
 * requirement (task-requirements.ts), after the move itself, so this hook takes the Task's later writes.
 */
export function consentGate(deps: ConsentGateDeps): (ctx: WriteContext) => Promise<void> {
  return async (ctx) => {
    if (!ctx.resource || ctx.operation === 'delete') return;
    if (ctx.resourceType === 'ServiceRequest') {
      const request = ctx.resource as ServiceRequest;
      if (CLOSED_REQUEST_STATUSES.has(request.status)) return;
      const problem = await consentProblem(ctx.tx, request, undefined, deps.organizationOf);
      if (problem) throw consentRefusal(problem, 'ServiceRequest.supportingInfo');
      return;
    }
    if (ctx.resourceType !== 'Task' || !ctx.previous || ctx.interaction.cascadeOf !== undefined) return;
    const task = ctx.resource as Task;
    if (FINAL.has(task.status as TaskStatus)) return;
    const request = await readReferenced<ServiceRequest>(ctx.tx, task.focus, 'ServiceRequest');
    const problem = request ? await consentProblem(ctx.tx, request, task, deps.organizationOf) : { reason: `Task.focus (${task.focus?.reference ?? 'none'}) is not an existing ServiceRequest` };
    if (problem) throw consentRefusal(problem, 'Task.focus');
  };
}
