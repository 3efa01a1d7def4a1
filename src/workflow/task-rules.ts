import type { Task } from '@medplum/fhirtypes';
import type { WriteContext } from '../fhir/index.ts';
import { changedFields } from './changed-fields.ts';
import { WorkflowErrors } from './errors.ts';
import { assertStep, checkRequirements } from './task-requirements.ts';
import { sidesOf, type OrganizationOf } from './task-sides.ts';
import { CHANGEABLE_FIELDS, findTransition, sidesFor, TASK_TRANSITIONS, type Side, type TaskStatus, type Transition } from './task-transitions.ts';

export interface TaskRuleDeps {
  readonly organizationOf: OrganizationOf;
  /** Interactions the workflow itself started (a consent withdrawal cancelling Tasks): they act as the requester side. */
}

function refusedMove(from: TaskStatus, to: TaskStatus, sides: readonly Side[]): Error {
  const who = sidesFor(from, to);
  const hint = who.length === 0 ? `the table has no move from ${from} to ${to}` : `only the ${who.join(' or ')} side may make this move`;
  return WorkflowErrors.transitionNotAllowed([from, to, sides.join('/'), hint], { expression: ['Task.status'] });
}

function assertChangeable(previous: Task, task: Task, sides: readonly Side[]): void {
  const allowed = new Set(sides.flatMap((s) => [...CHANGEABLE_FIELDS[s]]));
  const field = changedFields(previous, task).find((f) => !allowed.has(f));
  if (field !== undefined) throw WorkflowErrors.fieldNotChangeable([sides.join('/'), field], { expression: [`Task.${field}`] });
}

/** The server's timestamps: lastModified always, authoredOn on create, executionPeriod where the row says so. */
function stamp(task: Task, created: boolean, transition: Transition | undefined): Task {
  const now = new Date().toISOString();
  const stamped: Task = { ...task, lastModified: now };
  if (created && stamped.authoredOn === undefined) stamped.authoredOn = now;
  for (const field of transition?.stamps ?? []) {
    const key = field === 'executionPeriod.start' ? 'start' : 'end';
    if (stamped.executionPeriod?.[key] === undefined) stamped.executionPeriod = { ...stamped.executionPeriod, [key]: now };
  }
  return stamped;
}

/**
 * `storage.preWrite` on Task: the state machine of task-transitions.ts. Inside the write's transaction, so the
 * current version, the referral and its consent are read as they are when this write commits.
 */
export function taskRules(deps: TaskRuleDeps): (ctx: WriteContext) => Promise<void> {
  return async (ctx) => {
    if (ctx.resourceType !== 'Task' || ctx.operation === 'delete' || !ctx.resource) return;
    const task = ctx.resource as Task;
    const previous = ctx.previous as Task | undefined;
    // A Task the consent withdrawal cancels (a cascade) is cancelled on the requester's behalf, at the version it read.
    const cascade = ctx.interaction.cascadeOf !== undefined;
    if (previous && !cascade && ctx.interaction.request.headers.ifMatch === undefined) throw WorkflowErrors.ifMatchRequired();
    const sides: readonly Side[] = cascade ? ['requester'] : await sidesOf(ctx.tx, ctx.interaction.principal, task, previous, deps.organizationOf);
    const to = task.status as TaskStatus;
    if (!previous) {
      const row = sides.map((s) => findTransition(null, to, s)).find((x) => x !== undefined);
      if (!row) throw WorkflowErrors.createNotRequested([to, sides.join('/')], { expression: ['Task.status'] });
      await checkRequirements(ctx.tx, task, row, deps.organizationOf);
      ctx.resource = stamp(task, true, row);
      return;
    }
    const from = previous.status as TaskStatus;
    if (from === to) {
      assertChangeable(previous, task, sides);
      // No transition: the Task stays in one of the steps its status allows.
      assertStep(task, [...new Set(TASK_TRANSITIONS.filter((x) => x.to === to).flatMap((x) => x.steps))]);
      ctx.resource = stamp(task, false, undefined);
      return;
    }
    // The move first: a side that may not make it learns who may, rather than which field it touched.
    const row = sides.map((s) => findTransition(from, to, s)).find((x) => x !== undefined);
    if (!row) throw refusedMove(from, to, sides);
    assertChangeable(previous, task, [row.by]);
    await checkRequirements(ctx.tx, task, row, deps.organizationOf);
    ctx.resource = stamp(task, false, row);
  };
}
