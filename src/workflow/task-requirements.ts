import type { Communication, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { consentProblem } from './consent-gate.ts';
import { consentRefusal } from './consent-gate-hook.ts';
import { WorkflowErrors } from './errors.ts';
import { CLOSING_FEEDBACK, FIRST_FEEDBACK } from './fhir-codes.ts';

import { readReferenced } from '../fhir/index.ts';
import type { OrganizationOf } from './task-sides.ts';
import type { ProcessStep, Requirement, Transition } from './task-transitions.ts';
import { BrugCodeSystems } from '../canonical-urls.ts';

async function hasFeedback(repo: Repository, task: Task, kind: string): Promise<boolean> {
  for (const output of task.output ?? []) {
    if (!output.type.coding?.some((c) => c.system === BrugCodeSystems.terugkoppelingSoort && c.code === kind)) continue;
    if (await readReferenced<Communication>(repo, output.valueReference, 'Communication')) return true;
  }
  return false;
}

async function check(repo: Repository, task: Task, requirement: Requirement, organizationOf: OrganizationOf): Promise<void> {
  const to = task.status;
  switch (requirement) {
    case 'reason':
      if (!task.statusReason?.coding?.some((c) => c.system === BrugCodeSystems.taakStatusreden && c.code)) throw WorkflowErrors.reasonRequired([to], { expression: ['Task.statusReason'] });
      return;
    case 'first-feedback':
    case 'closing-feedback': {
      const kind = requirement === 'first-feedback' ? FIRST_FEEDBACK : CLOSING_FEEDBACK;
      if (!(await hasFeedback(repo, task, kind))) {
        throw WorkflowErrors.feedbackRequired([to, requirement === 'first-feedback' ? 'first' : 'closing', `${BrugCodeSystems.terugkoppelingSoort}#${kind}`], { expression: ['Task.output'] });
      }
      return;
    }
    case 'active-consent': {
      const request = await readReferenced<ServiceRequest>(repo, task.focus, 'ServiceRequest');
      const problem = request ? await consentProblem(repo, request, task, organizationOf) : { reason: `Task.focus (${task.focus?.reference ?? 'none'}) is not an existing ServiceRequest` };
      if (problem) throw consentRefusal(problem, 'Task.focus');
      return;
    }
  }
}

/** The process step the Task is in (Task.businessStatus), if it names one. */
export function stepOf(task: Task): string | undefined {
  return task.businessStatus?.coding?.find((c) => c.system === BrugCodeSystems.processtap)?.code;
}

/** Throws when `task` lacks what `transition` requires, or is in a process step the transition does not allow. */
export async function checkRequirements(repo: Repository, task: Task, transition: Pick<Transition, 'requires' | 'steps'>, organizationOf: OrganizationOf): Promise<void> {
  for (const requirement of transition.requires) await check(repo, task, requirement, organizationOf);
  assertStep(task, transition.steps);
}

/** The profile makes businessStatus 1..1 (brug-verwijzingtaak); the workflow checks the step it names, when it names one. */
export function assertStep(task: Task, steps: readonly ProcessStep[]): void {
  if (task.businessStatus === undefined) return;
  const step = stepOf(task);
  if (step === undefined || !steps.includes(step as ProcessStep)) {
    throw WorkflowErrors.wrongStep([task.status, steps.join(', '), step ?? 'none'], { expression: ['Task.businessStatus'] });
  }
}
