/**
 * Referential integrity of the referral chain (issue 16): what a referral rests on (its Patient, Consent,
 * ServiceRequest, recorded feedback) is not deleted or entered in error from under it, on plain, conditional and
 * Bundle deletes, while any referral on it still counts (closed ones too; entered-in-error ones not).
 */
import type { Bundle, ServiceRequest, Task } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { findTransition } from '../../src/workflow/task-transitions.ts';
import { BSN } from '../support/referral-resources.ts';
import type { Reply } from '../support/referral-world.ts';
import { attemptMove, placeReferral, readTask, referralAt, setupChain, writeFeedback, type Chain, type ReferralIds } from '../support/referral-chain.ts';

function issue(body: Reply['body']): { code?: string; expression?: string[]; diagnostics: string } {
  const first = body.issue[0];
  return { ...first, code: first.details?.coding?.[0]?.code };
}

describeEachStore(
  'A referral keeps what it rests on',
  (current) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(current().app);
    });

    function expectInUse(res: Reply, ids: ReferralIds, expression: string): void {
      expect(res.status).toBe(409);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_IN_USE', expression: [expression] });
      expect(issue(res.body).diagnostics).toContain(`Task/${ids.Task}`);
    }

    test.each(['Patient', 'Consent', 'ServiceRequest'] as const)('DELETE of the %s of an open referral is 409 naming its Task, and nothing is deleted', async (type) => {
      const ids = await placeReferral(chain);
      expectInUse(await chain.practice.request('DELETE', `${type}/${ids[type]}`), ids, type);
      expect((await chain.practice.get(`${type}/${ids[type]}`)).status).toBe(200);
    });

    test('DELETE of feedback a Task records as its output is 409; feedback no Task names may go', async () => {
      const ids = await referralAt(chain, 'in-progress');
      const { task } = await readTask(chain.practice, ids.Task);
      const recorded = task.output![0]!.valueReference!.reference!;
      expectInUse(await chain.admin.request('DELETE', recorded), ids, 'Communication');
      const loose = await writeFeedback(chain, ids, 'eerste-contact');
      expect((await chain.admin.request('DELETE', `Communication/${loose}`)).status).toBe(204);
    });

    test('a conditional DELETE is refused the same way', async () => {
      const ids = await placeReferral(chain);
      const patient = (await chain.practice.get(`Patient/${ids.Patient}`)).body;
      const bsn = patient.identifier[0].value as string;
      expectInUse(await chain.practice.request('DELETE', `Patient?identifier=${BSN}|${bsn}`), ids, 'Patient');
      expect((await chain.practice.get(`Patient/${ids.Patient}`)).status).toBe(200);
    });

    test('a transaction entry deleting the Consent fails the whole transaction; in a batch only that entry fails', async () => {
      const ids = await placeReferral(chain);
      const bundle = (type: 'transaction' | 'batch'): Bundle => ({
        resourceType: 'Bundle',
        type,
        entry: [
          { request: { method: 'DELETE', url: `Consent/${ids.Consent}` } },
          { resource: { resourceType: 'Basic', code: { text: 'marker' } } as never, request: { method: 'POST', url: 'Basic' } },
        ],
      });
      const transaction = await chain.admin.request('POST', '', bundle('transaction'));
      expect(transaction.status).toBe(409);
      expect(issue(transaction.body).code).toBe('BRUG_WF_IN_USE');
      expect(issue(transaction.body).expression).toEqual(['Bundle.entry[0]', 'Consent']);
      expect((await chain.practice.get(`Consent/${ids.Consent}`)).status).toBe(200);
      const batch = await chain.admin.request('POST', '', bundle('batch'));
      expect(batch.status).toBe(200);
      expect((batch.body as Bundle).entry![0]!.response!.status).toMatch(/^409/);
      expect((await chain.practice.get(`Consent/${ids.Consent}`)).status).toBe(200);
    });

    // A Consent is never entered-in-error: its profile (brug-toestemming-status) refuses that status with 422.
    test('updating the ServiceRequest or recorded feedback to entered-in-error is 409 on its status', async () => {
      const ids = await referralAt(chain, 'in-progress');
      const request = (await chain.practice.get(`ServiceRequest/${ids.ServiceRequest}`)).body as ServiceRequest;
      expectInUse(await chain.practice.request('PUT', `ServiceRequest/${ids.ServiceRequest}`, { ...request, status: 'entered-in-error' }), ids, 'ServiceRequest.status');
      const { task } = await readTask(chain.practice, ids.Task);
      const recorded = task.output![0]!.valueReference!.reference!;
      const patch = [{ op: 'replace', path: '/status', value: 'entered-in-error' }];
      expectInUse(await chain.admin.request('PATCH', recorded, patch, { 'content-type': 'application/json-patch+json' }), ids, 'Communication.status');
    });

    test('a closed referral still counts: its Patient and Consent stay (the monitor reports how it ended)', async () => {
      const ids = await placeReferral(chain);
      const { task, version } = await readTask(chain.practice, ids.Task);
      const cancel: Task = { ...task, status: 'cancelled', statusReason: { coding: [{ system: 'https://brug.example.org/fhir/CodeSystem/brug-taak-statusreden', code: 'dubbele-verwijzing' }] } };
      expect((await chain.practice.request('PUT', `Task/${ids.Task}`, cancel, { 'if-match': `W/"${version}"` })).status).toBe(200);
      expectInUse(await chain.practice.request('DELETE', `Patient/${ids.Patient}`), ids, 'Patient');
      expectInUse(await chain.practice.request('DELETE', `Consent/${ids.Consent}`), ids, 'Consent');
    });

    test('once its only referral is entered in error nothing counts on the chain any more, and it may be removed', async () => {
      const ids = await placeReferral(chain);
      const res = await attemptMove(chain, ids, findTransition('requested', 'entered-in-error', 'requester')!, 'requester');
      expect(res.status).toBe(200);
      for (const type of ['ServiceRequest', 'Consent', 'Patient'] as const) {
        expect((await chain.practice.request('DELETE', `${type}/${ids[type]}`)).status).toBe(204);
      }
    });
  },
  { security: true },
);
