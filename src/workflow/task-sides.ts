import type { Reference, Task } from '@medplum/fhirtypes';
import type { Principal } from '../fhir/index.ts';
import type { Repository } from '../store/index.ts';
import { WorkflowErrors } from './errors.ts';
import type { Side } from './task-transitions.ts';

export type OrganizationOf = (repo: Repository, reference: Reference | undefined) => Promise<string | undefined>;

const BOTH: readonly Side[] = ['requester', 'owner'];

/**
 * The sides the caller writes a Task on: requester when its organisation is Task.requester's, owner when it is
 * Task.owner's (of the version before an update, so an owner cannot make itself owner). An administrator's tooling,
 * and a write without a principal (an app built without security: no sides can be known), may act as either side;
 * the table's requirements still apply. Anyone else is refused.
 */
export async function sidesOf(repo: Repository, principal: Principal | undefined, task: Task, previous: Task | undefined, organizationOf: OrganizationOf): Promise<readonly Side[]> {
  if (!principal || principal.role === 'admin') return BOTH;
  const organization = principal.organization?.id;
  const sides: Side[] = [];
  if (organization !== undefined) {
    if ((await organizationOf(repo, (previous ?? task).requester)) === organization) sides.push('requester');
    if ((await organizationOf(repo, (previous ?? task).owner)) === organization) sides.push('owner');
  }
  if (sides.length === 0) throw WorkflowErrors.noSide([organization ?? 'none'], { expression: ['Task.requester', 'Task.owner'] });
  return sides;
}
