import type { Consent, Task } from '@medplum/fhirtypes';
import type { InteractionContext, WriteContext } from '../fhir/index.ts';
import type { Filter } from '../store/index.ts';
import { STATUS_REASON_SYSTEM } from './fhir-codes.ts';
import { FINAL, TASK_TRANSITIONS } from './task-transitions.ts';

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

/**
 * `storage.preWrite` on Consent: when the resident withdraws consent (the Consent leaves `active`), every open Task
 * of a referral resting on it is cancelled in the same transaction, through the engine's write path (validated,
 * indexed, audited). The read filters then hide the referral's personal data from the social-domain side.
 */
export function consentWithdrawal(cascades: WeakSet<InteractionContext>): (ctx: WriteContext) => Promise<void> {
  return async (ctx) => {
    if (ctx.resourceType !== 'Consent' || !ctx.previous || !ctx.resource) return;
    if ((ctx.previous as Consent).status !== 'active' || (ctx.resource as Consent).status === 'active') return;
    const page = await ctx.tx.search({ resourceTypes: ['Task'], filter: openTasksOf(ctx.id), sort: [], count: 1000, offset: 0, total: 'none' });
    for (const match of page.matches) {
      const task = JSON.parse(match.json) as Task;
      const cancelled: Task = { ...task, status: 'cancelled', statusReason: { coding: [{ system: STATUS_REASON_SYSTEM, code: 'toestemming-ingetrokken', display: 'Toestemming ingetrokken' }] } };
      const headers = { ifMatch: String(match.versionId) };
      const interaction: InteractionContext = { ...ctx.interaction, interaction: 'update', resourceType: 'Task', id: match.id, request: { method: 'PUT', path: `Task/${match.id}`, query: [], headers, body: cancelled } };
      cascades.add(interaction);
      await ctx.writeAlso({ operation: 'update', resourceType: 'Task', id: match.id, resource: cancelled, ifMatch: headers.ifMatch }, interaction);
    }
  };
}
