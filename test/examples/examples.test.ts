import type { Bundle, OperationOutcome, Task } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';
import { exampleFiles, fill, PLACEHOLDER_OF, readmeTable, stepsBefore } from './example-files.ts';

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function send(app: FastifyInstance, clientId: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Reply> {
  const res = await app.inject({
    method,
    url: `/fhir${url}`,
    headers: { authorization: `Bearer ${await tokenFor(app, clientId)}`, accept: FHIR_JSON, ...(body ? { 'content-type': FHIR_JSON } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

/** One referral as the examples play it: ids collected from each response, versions read before each update. */
class Referral {
  readonly ids: Record<string, string> = {};
  private readonly app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async send(clientId: string, file: string): Promise<Reply> {
    for (const [type, key] of [['Task', 'task'], ['Consent', 'consent']] as const) {
      const id = this.ids[`${key}Id`];
      if (id) this.ids[`${key}Version`] = (await send(this.app, 'demo-admin', 'GET', `/${type}/${id}`)).body.meta.versionId;
    }
    const bundle = fill(file, this.ids);
    const reply = await send(this.app, clientId, 'POST', '', bundle);
    if (reply.status === 200) {
      (reply.body as Bundle).entry?.forEach((entry, i) => {
        const name = PLACEHOLDER_OF[bundle.entry?.[i]?.fullUrl ?? ''];
        const id = /^[A-Za-z]+\/([^/]+)/.exec(entry.response?.location ?? '')?.[1];
        if (name && id) this.ids[name] = id;
      });
    }
    return reply;
  }

  async task(): Promise<Task> {
    return (await send(this.app, 'demo-huisarts', 'GET', `/Task/${this.ids.taskId}`)).body as Task;
  }
}

const SENDER = /demo-[a-z-]+/;
const chainRows = readmeTable('The chain and its variants');
const refusedRows = readmeTable('Refused');

/** Ids that fill the placeholders for $validate, where nothing needs to exist. */
const DUMMY = new Proxy({} as Record<string, string>, { get: (_t, name) => (String(name).endsWith('Version') ? '1' : `example-${String(name)}`) });

function errors(outcome: OperationOutcome): string[] {
  return (outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => `${i.diagnostics ?? i.details?.text} ${i.expression?.join(',') ?? ''}`);
}

describeEachStore(
  'examples/',
  (t) => {
    it('the README lists every example, and every example in the README exists', () => {
      const listed = [...chainRows, ...refusedRows].map((r) => r.file).sort();
      expect(listed).toEqual(exampleFiles());
    });

    it('each entry of each example conforms to the profiles ($validate), except where a refusal says it must not', async () => {
      const refusedByProfile = new Map(refusedRows.filter((r) => !r['code or text']!.startsWith('BRUG_')).map((r) => [r.file, r['code or text']!]));
      for (const file of exampleFiles()) {
        const found: string[] = [];
        for (const [i, entry] of (fill(file, DUMMY).entry ?? []).entries()) {
          if (!entry.resource) continue;
          const reply = await send(t().app, 'demo-admin', 'POST', `/${entry.resource.resourceType}/$validate`, entry.resource);
          expect(reply.status).toBe(200);
          found.push(...errors(reply.body).map((e) => `entry[${i}]: ${e}`));
        }
        const expected = refusedByProfile.get(file);
        if (expected) expect({ file, found: found.some((e) => e.includes(expected)) }).toEqual({ file, found: true });
        else expect({ file, found }).toEqual({ file, found: [] });
      }
    });

    it('the chain succeeds in order, and the GP finds both feedbacks with its Task', async () => {
      const referral = new Referral(t().app);
      const states: string[] = [];
      for (const row of chainRows.filter((r) => !r.file!.startsWith('variant-'))) {
        const reply = await referral.send(SENDER.exec(row['sent by']!)![0], row.file!);
        expect({ file: row.file, status: reply.status, issue: reply.body?.issue }).toEqual({ file: row.file, status: 200, issue: undefined });
        const task = await referral.task();
        states.push(`${task.status}/${task.businessStatus?.coding?.[0]?.code}`);
      }
      expect(states).toEqual([
        'requested/signaleren-verwijzen',
        'accepted/vraagverheldering-verbinding',
        'in-progress/vraagverheldering-verbinding',
        'in-progress/activiteiten-voorzieningen',
        'completed/evaluatie-terugkoppeling',
      ]);
      const found = await send(t().app, 'demo-huisarts', 'GET', `/Task?requester=PractitionerRole/${referral.ids.requesterRoleId}&_include=Task:output`);
      const kinds = (found.body as Bundle).entry
        ?.map((e) => e.resource)
        .filter((r) => r?.resourceType === 'Communication')
        .map((c) => (c as { category?: { coding?: { code?: string }[] }[] }).category?.[0]?.coding?.[0]?.code)
        .sort();
      expect(kinds).toEqual(['eerste-contact', 'evaluatie']);
    });

    it.each(chainRows.filter((r) => r.file!.startsWith('variant-')).map((r) => [r.file!, r] as const))('variant %s succeeds after the steps it names', async (_file, row) => {
      const referral = new Referral(t().app);
      for (const before of stepsBefore(row.after!)) expect((await referral.send(before.startsWith('1-') ? 'demo-huisarts' : 'demo-welzijn', before)).status).toBe(200);
      const reply = await referral.send(SENDER.exec(row['sent by']!)![0], row.file!);
      expect({ status: reply.status, issue: reply.body?.issue }).toEqual({ status: 200, issue: undefined });
      const expected = { 'variant-afgewezen.json': 'rejected', 'variant-geannuleerd.json': 'cancelled', 'variant-toestemming-ingetrokken.json': 'cancelled' }[row.file!];
      expect((await referral.task()).status).toBe(expected);
    });

    it('after the consent is withdrawn the welfare organisation no longer reads the referral', async () => {
      const referral = new Referral(t().app);
      for (const [client, file] of [['demo-huisarts', '1-verwijzing.json'], ['demo-welzijn', '2a-aanvaarden.json']]) expect((await referral.send(client!, file!)).status).toBe(200);
      expect((await send(t().app, 'demo-welzijn', 'GET', `/ServiceRequest/${referral.ids.serviceRequestId}`)).status).toBe(200);
      expect((await referral.send('demo-huisarts', 'variant-toestemming-ingetrokken.json')).status).toBe(200);
      expect((await send(t().app, 'demo-welzijn', 'GET', `/ServiceRequest/${referral.ids.serviceRequestId}`)).status).toBe(404);
    });

    it.each(refusedRows.map((r) => [r.file!, r] as const))('%s is refused as the README says', async (_file, row) => {
      const referral = new Referral(t().app);
      for (const before of stepsBefore(row.after!)) expect((await referral.send(before.startsWith('1-') ? 'demo-huisarts' : 'demo-welzijn', before)).status).toBe(200);
      const versionBefore = referral.ids.taskId ? (await referral.task()).meta?.versionId : undefined;
      const reply = await referral.send(SENDER.exec(row['sent by']!)![0], row.file!);
      expect(reply.status).toBe(Number(row.status));
      expect(reply.body.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(reply.body)).toContain(row['code or text']);
      // Refused means nothing was written.
      if (versionBefore) expect((await referral.task()).meta?.versionId).toBe(versionBefore);
    });
  },
  { security: true },
);
