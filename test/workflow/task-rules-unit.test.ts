/** The Task rules without a database: the refusals the access policy or the profiles otherwise answer first. */
import type { Task } from '@medplum/fhirtypes';
import type { InteractionContext, Principal, WriteContext } from '../../src/fhir/index.ts';
import type { TransactionRepository } from '../../src/store/index.ts';
import { changedFields } from '../../src/workflow/changed-fields.ts';
import { taskRules } from '../../src/workflow/task-rules.ts';

const organizationOf = async (_repo: unknown, reference: { reference?: string } | undefined) => reference?.reference?.split('/')[1];
const rules = taskRules({ organizationOf });
const repo = { readCurrent: async () => undefined } as unknown as TransactionRepository;

function principal(role: string, organization?: string): Principal {
  return { clientId: 'c', role, scopes: [], tokenId: 't', ...(organization ? { organization: { id: organization, reference: `Organization/${organization}` } } : {}) } as unknown as Principal;
}

function context(resource: Task, previous: Task | undefined, who: Principal | undefined): WriteContext {
  const interaction = { interaction: previous ? 'update' : 'create', request: { method: 'PUT', path: 'Task/1', query: [], headers: { ifMatch: '1' } }, principal: who } as unknown as InteractionContext;
  return { interaction, resource, previous, operation: previous ? 'update' : 'create', resourceType: 'Task', id: '1', tx: repo, writeAlso: async () => ({ versionId: 1 }) };
}

const base: Task = { resourceType: 'Task', id: '1', status: 'in-progress', intent: 'order', requester: { reference: 'Organization/p' }, owner: { reference: 'Organization/w' } };

async function refusal(ctx: WriteContext): Promise<{ code?: string; category?: string; expression?: readonly string[] }> {
  return rules(ctx).then(
    () => ({}),
    (err: { code: string; category: string; expression?: readonly string[] }) => ({ code: err.code, category: err.category, expression: err.expression }),
  );
}

test('an organisation on neither side of the referral is refused (403)', async () => {
  expect(await refusal(context({ ...base, status: 'on-hold' }, base, principal('social-domain', 'x')))).toMatchObject({ code: 'BRUG_WF_NO_SIDE', category: 'forbidden' });
});

test('a move that needs a reason is refused without one (422 on Task.statusReason), also without profiles', async () => {
  expect(await refusal(context({ ...base, status: 'on-hold' }, base, principal('social-domain', 'w')))).toEqual({ code: 'BRUG_WF_REASON', category: 'business-rule', expression: ['Task.statusReason'] });
});

test('a Task is created as requested only (409 on Task.status)', async () => {
  expect(await refusal(context({ ...base, status: 'accepted' }, undefined, principal('first-line', 'p')))).toMatchObject({ code: 'BRUG_WF_CREATE_STATUS', category: 'conflict', expression: ['Task.status'] });
});

test('without a principal the sides are unknown: either side may move, the table still applies', async () => {
  const ctx = context({ ...base, status: 'on-hold', statusReason: { coding: [{ system: 'https://brug.example.org/fhir/CodeSystem/brug-taak-statusreden', code: 'gepauzeerd-op-verzoek' }] } }, base, undefined);
  expect(await refusal(ctx)).toEqual({});
  expect((ctx.resource as Task).lastModified).toBeDefined();
  expect(await refusal(context({ ...base, status: 'requested' }, base, undefined))).toMatchObject({ code: 'BRUG_WF_TRANSITION', category: 'conflict' });
});

test('changed fields compare content, not key order, and leave out meta, text and lastModified', () => {
  const a = { ...base, focus: { reference: 'ServiceRequest/1', display: 'x' }, meta: { versionId: '1' }, lastModified: '2026-01-01' };
  const b = { ...base, focus: { display: 'x', reference: 'ServiceRequest/1' }, meta: { versionId: '2' }, lastModified: '2026-02-02', text: { status: 'generated' as const, div: '<div/>' } };
  expect(changedFields(a, b)).toEqual([]);
  expect(changedFields(a, { ...b, priority: 'urgent' })).toEqual(['priority']);
});
