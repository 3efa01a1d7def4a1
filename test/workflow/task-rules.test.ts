/**
 * The moves the table refuses and what the allowed moves require, over HTTP on PostgreSQL: moves not in the
 * table, missing reason or feedback, the wrong process step, fields outside a side's CHANGEABLE_FIELDS, If-Match
 * (428 without, 412 when stale), and the consent gate.
 */
import type { Bundle, Task } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import { findTransition } from '../../src/workflow/task-transitions.ts';
import { attemptMove, placeReferral, readTask, referralAt, referralBundle, setupChain, STEP_SYSTEM, type Chain } from '../support/referral-chain.ts';
import { nextBsn } from '../support/fictional-bsn.ts';

function issue(body: { issue: { expression?: string[]; diagnostics: string; details?: { coding?: { code: string }[] } }[] }) {
  return { ...body.issue[0]!, code: body.issue[0]!.details?.coding?.[0]?.code };
}

describeEachStore(
  'Task rules beyond the table rows',
  (current) => {
    let chain: Chain;
    beforeAll(async () => {
      chain = await setupChain(current().app);
    });

    async function put(as: 'practice' | 'welfare' | 'admin', task: Task, headers: Record<string, string>) {
      return chain[as].request('PUT', `Task/${task.id}`, task, headers);
    }

    test.each([
      ['requested', 'completed', 'owner'],
      ['requested', 'in-progress', 'owner'],
      ['accepted', 'requested', 'owner'],
      ['accepted', 'received', 'requester'],
      ['in-progress', 'accepted', 'owner'],
    ] as const)('%s -> %s by the %s side is not in the table: 409', async (from, to, side) => {
      const ids = await referralAt(chain, from);
      const res = await attemptMove(chain, ids, { from, to, by: side, requires: [], steps: ['vraagverheldering-verbinding'], stamps: [], meaning: '' }, side);
      expect(res.status).toBe(409);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_TRANSITION', expression: ['Task.status'] });
      expect(issue(res.body).diagnostics).toContain(`the table has no move from ${from} to ${to}`);
    });

    test('completed -> in-progress: a final Task stays final', async () => {
      const ids = await referralAt(chain, 'in-progress');
      expect((await attemptMove(chain, ids, findTransition('in-progress', 'completed', 'owner')!, 'owner')).status).toBe(200);
      const res = await attemptMove(chain, ids, { ...findTransition('on-hold', 'in-progress', 'owner')!, from: 'completed' }, 'owner');
      expect(res.status).toBe(409);
      expect(issue(res.body).diagnostics).toContain('from completed to in-progress');
    });

    test.each([
      ['requested', 'rejected', 'owner'],
      ['in-progress', 'on-hold', 'owner'],
      ['accepted', 'failed', 'owner'],
      ['requested', 'cancelled', 'requester'],
    ] as const)('%s -> %s without a reason: 422 on Task.statusReason', async (from, to, side) => {
      const ids = await referralAt(chain, from);
      const res = await attemptMove(chain, ids, findTransition(from, to, side)!, side, { omit: 'reason' });
      // The profile's invariant brug-taak-1 says so before the workflow does (BRUG_WF_REASON without profiles).
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain('statusReason');
    });

    test('accepted -> in-progress without the first feedback: 422 on Task.output', async () => {
      const ids = await referralAt(chain, 'accepted');
      const res = await attemptMove(chain, ids, findTransition('accepted', 'in-progress', 'owner')!, 'owner', { omit: 'feedback' });
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_FEEDBACK', expression: ['Task.output'] });
      expect(issue(res.body).diagnostics).toContain('#eerste-contact');
    });

    test('in-progress -> completed without the closing feedback: 422; the first feedback does not count as closing', async () => {
      const ids = await referralAt(chain, 'in-progress');
      const res = await attemptMove(chain, ids, findTransition('in-progress', 'completed', 'owner')!, 'owner', { omit: 'feedback' });
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_FEEDBACK', expression: ['Task.output'] });
      expect(issue(res.body).diagnostics).toContain('#evaluatie');
    });

    test('feedback that points at no existing Communication does not count', async () => {
      const ids = await referralAt(chain, 'accepted');
      const { task, version } = await readTask(chain.welfare, ids.Task);
      const output = [{ type: { coding: [{ system: 'https://brug.example.org/fhir/CodeSystem/brug-terugkoppeling-soort', code: 'eerste-contact' }] }, valueReference: { reference: 'Communication/does-not-exist' } }];
      const res = await put('welfare', { ...task, status: 'in-progress', output }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(422);
      expect(issue(res.body).code).toBe('BRUG_WF_FEEDBACK');
    });

    test('a move into a process step its row does not allow: 422 on Task.businessStatus', async () => {
      const ids = await referralAt(chain, 'requested');
      const res = await attemptMove(chain, ids, findTransition('requested', 'accepted', 'owner')!, 'owner', { step: 'evaluatie-terugkoppeling' });
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_STEP', expression: ['Task.businessStatus'] });
    });

    test('within a status the owner moves the process step on (no transition): 200', async () => {
      const ids = await referralAt(chain, 'in-progress');
      const { task, version } = await readTask(chain.welfare, ids.Task);
      const res = await put('welfare', { ...task, businessStatus: { coding: [{ system: STEP_SYSTEM, code: 'activiteiten-voorzieningen' }] } }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(200);
      expect(res.body.businessStatus.coding[0].code).toBe('activiteiten-voorzieningen');
    });

    test('fields outside CHANGEABLE_FIELDS: the owner may not change the referral, the requester not the output', async () => {
      const ids = await referralAt(chain, 'accepted');
      let { task, version } = await readTask(chain.welfare, ids.Task);
      let res = await put('welfare', { ...task, priority: 'urgent' }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(403);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_FIELD', expression: ['Task.priority'] });
      res = await put('welfare', { ...task, focus: { ...task.focus, display: 'een andere verwijzing' } }, { 'if-match': `W/"${version}"` });
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_FIELD', expression: ['Task.focus'] });
      ({ task, version } = await readTask(chain.practice, ids.Task));
      res = await put('practice', { ...task, businessStatus: { coding: [{ system: STEP_SYSTEM, code: 'activiteiten-voorzieningen' }] } }, { 'if-match': `W/"${version}"` });
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_FIELD', expression: ['Task.businessStatus'] });
      // What each side may change, it may: the practice raises the priority.
      res = await put('practice', { ...task, priority: 'urgent' }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(200);
    });

    test('an update or patch of a Task without If-Match: 428; with a stale one: 412', async () => {
      const ids = await referralAt(chain, 'requested');
      const { task, version } = await readTask(chain.welfare, ids.Task);
      const received = { ...task, status: 'received' as const };
      let res = await put('welfare', received, {});
      expect(res.status).toBe(428);
      expect(issue(res.body).code).toBe('BRUG_WF_IF_MATCH');
      res = await chain.welfare.request('PATCH', `Task/${ids.Task}`, [{ op: 'replace', path: '/status', value: 'received' }], { 'content-type': 'application/json-patch+json' });
      expect(res.status).toBe(428);
      res = await chain.welfare.request('PATCH', `Task/${ids.Task}`, [{ op: 'replace', path: '/status', value: 'received' }], { 'content-type': 'application/json-patch+json', 'if-match': `W/"${version}"` });
      expect(res.status).toBe(200);
      res = await put('welfare', { ...received, status: 'accepted', businessStatus: { coding: [{ system: STEP_SYSTEM, code: 'vraagverheldering-verbinding' }] } }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(412);
    });

    test('a Task update in a transaction Bundle needs request.ifMatch too', async () => {
      const ids = await referralAt(chain, 'requested');
      const { task, version } = await readTask(chain.welfare, ids.Task);
      const bundle = (ifMatch?: string): Bundle => ({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: { ...task, status: 'received' }, request: { method: 'PUT', url: `Task/${ids.Task}`, ...(ifMatch ? { ifMatch } : {}) } }],
      });
      expect((await chain.welfare.request('POST', '', bundle())).status).toBe(428);
      expect((await chain.welfare.request('POST', '', bundle(`W/"${version}"`))).status).toBe(200);
    });

    test('an administrator may act as either side, under the same table', async () => {
      const ids = await referralAt(chain, 'requested');
      expect((await attemptMove(chain, ids, findTransition('requested', 'accepted', 'owner')!, 'owner')).status).toBe(200);
      const { task, version } = await readTask(chain.admin, ids.Task);
      let res = await put('admin', { ...task, status: 'completed' }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(409);
      res = await put('admin', { ...task, status: 'cancelled', statusReason: { coding: [{ system: 'https://brug.example.org/fhir/CodeSystem/brug-taak-statusreden', code: 'dubbele-verwijzing' }] } }, { 'if-match': `W/"${version}"` });
      expect(res.status).toBe(200);
    });

    test('no referral without an active consent: the transaction Bundle is refused with 422 on supportingInfo', async () => {
      const res = await chain.practice.request('POST', '', referralBundle(chain, nextBsn(), 'inactive'));
      expect(res.status).toBe(422);
      expect(issue(res.body).code).toBe('BRUG_WF_CONSENT');
      expect(issue(res.body).expression!.some((e) => e.endsWith('supportingInfo'))).toBe(true);
    });

    test('no referral without an active consent: a single ServiceRequest create is refused too, naming ServiceRequest.supportingInfo', async () => {
      const ids = await placeReferral(chain);
      const consent = (await chain.practice.get(`Consent/${ids.Consent}`)).body;
      const draft = await chain.practice.create({ ...consent, id: undefined, meta: { profile: consent.meta.profile }, status: 'inactive' });
      const request = (await chain.practice.get(`ServiceRequest/${ids.ServiceRequest}`)).body;
      const res = await chain.practice.request('POST', 'ServiceRequest', { ...request, id: undefined, meta: { profile: request.meta.profile }, identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${crypto.randomUUID()}` }], supportingInfo: [{ reference: `Consent/${draft}` }] });
      expect(res.status).toBe(422);
      expect(issue(res.body)).toMatchObject({ code: 'BRUG_WF_CONSENT', expression: ['ServiceRequest.supportingInfo', 'Consent.status'] });
    });
  },
  { security: true },
);
