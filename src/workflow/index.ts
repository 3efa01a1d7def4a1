/**
 * The referral workflow (handreiking §4, the process layer of the afsprakenstel): the Task state machine, the
 * consent gate (consent-fit.ts) and the consent withdrawal, as `storage.preWrite` hooks on the generic engine; and
 * the erasure of a resident (`Patient/[id]/$erase`, erasure/), which keeps the key figures as they were.
 *
 * Who moves a Task is a side of the referral, known from the caller's organisation (the engine's principal, which
 * the security layer fills). Without a principal (tooling that bypasses security) the rules still check the state machine and
 * its requirements, and treat the caller as either side.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { organizationOf } from '../fhir/index.ts';
import { chainIntegrity } from './chain-integrity.ts';
import { consentGate } from './consent-gate-hook.ts';
import { consentWithdrawal } from './consent-withdrawal.ts';
import { registerEraseOperation } from './erasure/erase-operation.ts';
import { erasedGuard } from './erasure/erased-guard.ts';
import { taskDocumentation } from './state-diagram.ts';
import { taskRules } from './task-rules.ts';

export { TASK_TRANSITIONS, CHANGEABLE_FIELDS, findTransition, sidesFor } from './task-transitions.ts';
export { mermaidStateDiagram } from './state-diagram.ts';

const workflowPlugin: FastifyPluginAsync = async (app) => {
  // After the access policy (order 10): only writes the caller may make at all reach the workflow rules.
  // First of the workflow rules: an erased resident's residue does not change at all, whatever the write.
  app.fhirHooks.on('storage.preWrite', erasedGuard, { name: 'workflow.erased-guard', order: 30 });
  // Before the other workflow rules: a write that would pull a resource from under a referral is refused as such.
  app.fhirHooks.on('storage.preWrite', chainIntegrity, { name: 'workflow.chain-integrity', order: 40 });
  app.fhirHooks.on('storage.preWrite', taskRules({ organizationOf }), { name: 'workflow.task-rules', order: 50 });
  // After the state machine: a move the table refuses is answered as such before the consent is looked at.
  app.fhirHooks.on('storage.preWrite', consentGate({ organizationOf }), { name: 'workflow.consent-gate', order: 60 });
  app.fhirHooks.on('storage.preWrite', consentWithdrawal({ organizationOf }), { name: 'workflow.consent-withdrawal', order: 50 });
  registerEraseOperation(app.fhirOperations);
  app.fhirCapabilities.contribute((statement) => {
    for (const rest of statement.rest ?? []) {
      const task = rest.resource?.find((r) => r.type === 'Task');
      if (task) task.documentation = taskDocumentation();
    }
  });
};

export const workflow = fp(workflowPlugin, { name: 'brug-workflow', fastify: '5.x', dependencies: ['brug-fhir', 'brug-security'] });
