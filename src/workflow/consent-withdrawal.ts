import type { Consent, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { InteractionContext, WriteContext } from '../fhir/index.ts';
import { readReferenced } from '../fhir/index.ts';
import type { Filter } from '../store/index.ts';
import { consentProblem } from './consent-gate.ts';
import type { OrganizationOf } from './task-sides.ts';
import { FINAL, TASK_TRANSITIONS } from './task-transitions.ts';
import { BrugCodeSystems } from '../canonical-urls.ts';

/** The statuses a Task can still leave: every status with a move out of it in the table. */
const OPEN_STATUSES = [...new Set(TASK_TRANSITIONS.flatMap((x) => (x.from !== null && !FINAL.has(x.from) ? [x.from] : [])))];

/** Open Tasks whose referral (focus ServiceRequest) rests on the consent. */
function openTasksOf(consentId: string): Filter {
  return {
    kind: 'and',
    filters: [
      { kind: 'or', filters: OPEN_STATUSES.map((code): Filter => ({ kind: 'token', param: 'status', code })) },
      { kind: 'chain', param: 'focus', targetTypes: ['ServiceRequest'], filter: { kind: 'reference', param: 'supporting-info', targetTypes: ['Consent'], targetId: consentId } },
    ],
  };
}

export interface ConsentWithdrawalDeps {
  readonly organizationOf: OrganizationOf;
}

/**
 * `storage.preWrite` on Consent: when a Consent stops covering a referral resting on it (the resident withdraws it,
 * it is made about someone else, its period is ended, its recipients no longer include the Task's owner: the same
 * rules as the consent gate), every such open Task is cancelled (`toestemming-ingetrokken`) in the same
 * transaction, through the engine's write path (validated, indexed, audited). The read filters then hide the
 * referral's personal data from the social-domain side. A referral that another Consent in its supportingInfo still
 * covers stays open.
 */
export function consentWithdrawal(deps: ConsentWithdrawalDeps): (ctx: WriteContext) => Promise<void> {
  return async (ctx) => {
    if (ctx.resourceType !== 'Consent' || !ctx.previous || !ctx.resource) return;
    const consent = { ...(ctx.resource as Consent), id: ctx.id };
    const page = await ctx.tx.search({ resourceTypes: ['Task'], filter: openTasksOf(ctx.id), sort: [], count: 1000, offset: 0, total: 'none' });
    for (const match of page.matches) {
      const task = JSON.parse(match.json) as Task;
      const request = await readReferenced<ServiceRequest>(ctx.tx, task.focus, 'ServiceRequest');
      if (request && !(await consentProblem(ctx.tx, request, task, deps.organizationOf, consent))) continue;
      const cancelled: Task = { ...task, status: 'cancelled', statusReason: { coding: [{ system: BrugCodeSystems.taakStatusreden, code: 'toestemming-ingetrokken', display: 'Toestemming ingetrokken' }] } };
      const headers = { ifMatch: String(match.versionId) };
      const interaction: InteractionContext = { ...ctx.interaction, interaction: 'update', resourceType: 'Task', id: match.id, request: { method: 'PUT', path: `Task/${match.id}`, query: [], headers, body: cancelled } };
      await ctx.writeAlso({ operation: 'update', resourceType: 'Task', id: match.id, resource: cancelled, ifMatch: headers.ifMatch }, interaction);
    }
  };
}
