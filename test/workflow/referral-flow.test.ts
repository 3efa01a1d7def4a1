/**
 * The whole chain once, end to end over HTTP (issue 6): the practice's Bundle, accept, first feedback, in progress,
 * closing feedback, completed; the practice finding both feedbacks; a consent withdrawal stopping the Task; and the
 * documentation (CapabilityStatement, README) generated from the same table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Communication, Task } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { findTransition } from '../../src/workflow/task-transitions.ts';
import { mermaidStateDiagram } from '../../src/workflow/state-diagram.ts';
import { setConsentStatus } from '../support/referral-resources.ts';
import { attemptMove, FEEDBACK_SYSTEM, placeReferral, readTask, referralAt, REASON_SYSTEM, setupChain, type Chain } from '../support/referral-chain.ts';

describe('README', () => {
  test('"How a referral flows" shows exactly the diagram the table generates', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## How a referral flows'));
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(diagram).toBe(mermaidStateDiagram());
  });
});

describeEachStore(
  'A referral through the whole chain',
  (current) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(current().app);
    });

    test('Bundle -> accepted -> first feedback, in-progress -> closing feedback, completed; the practice sees both feedbacks', async () => {
      const ids = await placeReferral(chain);
      for (const [from, to] of [['requested', 'accepted'], ['accepted', 'in-progress'], ['in-progress', 'completed']] as const) {
        const res = await attemptMove(chain, ids, findTransition(from, to, 'owner')!, 'owner');
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(to);
      }
      const { task } = await readTask(chain.practice, ids.Task);
      expect(task.executionPeriod?.start).toBeDefined();
      expect(task.executionPeriod?.end).toBeDefined();
      expect(task.meta?.versionId).toBe('4');

      for (const requester of [`PractitionerRole/${chain.role.P}`, `requester:PractitionerRole.organization=Organization/${chain.org.P}`]) {
        const query = requester.startsWith('requester:') ? requester : `requester=${requester}`;
        const res = await chain.practice.get(`Task?${query}&_id=${ids.Task}&_include=Task:output`);
        expect(res.status).toBe(200);
        const bundle = res.body as Bundle;
        const found = bundle.entry!.find((e) => e.resource?.resourceType === 'Task')!.resource as Task;
        const communications = bundle.entry!.filter((e) => e.resource?.resourceType === 'Communication').map((e) => e.resource as Communication);
        expect(communications).toHaveLength(2);
        const kindOf = (c: Communication) => c.category?.[0]?.coding?.find((x) => x.system === FEEDBACK_SYSTEM)?.code;
        expect(communications.map(kindOf).sort()).toEqual(['eerste-contact', 'evaluatie']);
        // The Task's output says which Communication is which, too.
        for (const output of found.output!) {
          const communication = communications.find((c) => output.valueReference?.reference === `Communication/${c.id}`)!;
          expect(kindOf(communication)).toBe(output.type.coding![0]!.code);
        }
      }
    });

    test('a consent withdrawal cancels the open Task in the same transaction and hides the referral from the welfare organisation', async () => {
      const ids = await referralAt(chain, 'in-progress');
      const done = await referralAt(chain, 'requested');
      expect((await chain.welfare.get(`ServiceRequest/${ids.ServiceRequest}`)).status).toBe(200);
      await setConsentStatus(chain.practice, ids.Consent, 'inactive');

      for (const caller of [chain.practice, chain.welfare]) {
        const { task, version } = await readTask(caller, ids.Task);
        expect(task.status).toBe('cancelled');
        expect(task.statusReason?.coding).toEqual([expect.objectContaining({ system: REASON_SYSTEM, code: 'toestemming-ingetrokken' })]);
        expect(task.executionPeriod?.end).toBeDefined();
        expect(version).toBe('4');
      }
      expect((await chain.welfare.get(`ServiceRequest/${ids.ServiceRequest}`)).status).toBe(404);
      expect((await chain.welfare.get(`Patient/${ids.Patient}`)).status).toBe(404);
      expect((await chain.welfare.get(`Consent/${ids.Consent}`)).status).toBe(404);
      expect((await chain.practice.get(`ServiceRequest/${ids.ServiceRequest}`)).status).toBe(200);
      // Another referral's Task, on another consent, is untouched.
      expect((await readTask(chain.welfare, done.Task)).task.status).toBe('requested');
      // The cancellation is in the audit trail as a Task update.
      const audit = await chain.admin.get(`AuditEvent?entity=Task/${ids.Task}&_count=50`);
      expect(audit.body.entry.length).toBeGreaterThanOrEqual(4);
    });

    test('a withdrawal leaves a finished Task as it was', async () => {
      const ids = await referralAt(chain, 'in-progress');
      expect((await attemptMove(chain, ids, findTransition('in-progress', 'completed', 'owner')!, 'owner')).status).toBe(200);
      await setConsentStatus(chain.practice, ids.Consent, 'inactive');
      expect((await readTask(chain.practice, ids.Task)).task.status).toBe('completed');
    });

    test('the CapabilityStatement documents the Task state machine from the table', async () => {
      const res = await chain.practice.get('metadata');
      const task = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'Task');
      expect(task.documentation).toContain('If-Match');
      expect(task.documentation).toContain('accepted → in-progress by the owner side; requires first-feedback');
    });
  },
  { security: true },
);
