/**
 * The referral workflow (handreiking §4, the process layer of the afsprakenstel): the Task state machine, the
 * consent gate and the consent withdrawal, as `storage.preWrite` hooks on the generic engine.
 *
 * Registered with the security layer: who moves a Task is a side of the referral, known from the caller's
 * organisation. Without a principal (tooling that bypasses security) the rules still check the state machine and
 * its requirements, and treat the caller as either side.
 */
import type { ServiceRequest } from '@medplum/fhirtypes';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { InteractionContext, WriteContext } from '../fhir/index.ts';
// Types only: the `app.security` decorator (organizationOf) and the Principal's role and organisation.
import type {} from '../security/index.ts';
import { missingConsent } from './consent-gate.ts';
import { consentWithdrawal } from './consent-withdrawal.ts';
import { WorkflowErrors } from './errors.ts';
import { taskDocumentation } from './state-diagram.ts';
import { taskRules } from './task-rules.ts';

export { TASK_TRANSITIONS, CHANGEABLE_FIELDS, findTransition, sidesFor } from './task-transitions.ts';
export { mermaidStateDiagram } from './state-diagram.ts';

/** No referral without an active consent: a ServiceRequest is created only when its supportingInfo Consent is active. */
async function consentGate(ctx: WriteContext): Promise<void> {
  if (ctx.resourceType !== 'ServiceRequest' || ctx.previous || !ctx.resource) return;
  const problem = await missingConsent(ctx.tx, ctx.resource as ServiceRequest);
  if (problem) throw WorkflowErrors.consentRequired([problem], { expression: ['ServiceRequest.supportingInfo'] });
}

const workflowPlugin: FastifyPluginAsync = async (app) => {
  const cascades = new WeakSet<InteractionContext>();
  // After the access policy (order 10): only writes the caller may make at all reach the workflow rules.
  app.fhirHooks.on('storage.preWrite', consentGate, { name: 'workflow.consent-gate', order: 50 });
  app.fhirHooks.on('storage.preWrite', taskRules({ organizationOf: app.security.organizationOf, cascades }), { name: 'workflow.task-rules', order: 50 });
  app.fhirHooks.on('storage.preWrite', consentWithdrawal(cascades), { name: 'workflow.consent-withdrawal', order: 50 });
  app.fhirCapabilities.contribute((statement) => {
    for (const rest of statement.rest ?? []) {
      const task = rest.resource?.find((r) => r.type === 'Task');
      if (task) task.documentation = taskDocumentation();
    }
  });
};

export const workflow = fp(workflowPlugin, { name: 'brug-workflow', fastify: '5.x', dependencies: ['brug-fhir', 'brug-security'] });
