import type { Bundle, Parameters, Subscription, Task } from '@medplum/fhirtypes';
import { describeEachStore } from '../support/app.ts';
import type { Caller } from '../support/referral-world.ts';
import { attemptMove, findTransition, placeReferral, readTask, setupChain, type Chain } from '../support/referral-chain.ts';
import { FEEDBACK_TOPIC, subscription, TASK_TOPIC, type SubscriptionOptions } from './subscription-resources.ts';
import { parseNotification, WebhookReceiver } from '../../scripts/scenario/webhook-receiver.ts';

const ENV = { SUBSCRIPTION_POLL_MS: '50', SUBSCRIPTION_RETRY_BASE_MS: '20', SUBSCRIPTION_RETRY_MAX_MS: '100', SUBSCRIPTION_MAX_FAILURES: '3' };

describeEachStore(
  'topic-based subscriptions (R5 backport) over a real HTTP endpoint',
  (current) => {
    const receiver = new WebhookReceiver();
    let endpoint: string;
    let chain: Chain;

    beforeAll(async () => {
      endpoint = await receiver.start();
      chain = await setupChain(current().app);
    });
    afterAll(() => receiver.close());

    /** Creates a Subscription and waits until the handshake has made it active. */
    async function subscribe(as: Caller, options: SubscriptionOptions): Promise<string> {
      const res = await as.request('POST', 'Subscription', subscription(endpoint, options));
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('requested');
      const id = res.body.id as string;
      await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.type === 'handshake');
      await waitForStatus(as, id, 'active');
      return id;
    }

    async function waitForStatus(as: Caller, id: string, status: string): Promise<Subscription> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const res = await as.get(`Subscription/${id}`);
        if (res.body?.status === status) return res.body as Subscription;
        if (Date.now() > deadline) throw new Error(`Subscription/${id} stayed ${res.body?.status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    it('activates after the handshake, notifies the owner of a new referral Task, and lets it pull and accept the Task', async () => {
      const id = await subscribe(chain.welfare, { filters: [`Task?owner=Organization/${chain.org.W}`] });
      const handshake = receiver.for(id).find((r) => r.type === 'handshake')!;
      expect(handshake.status).toBe('requested');
      expect(handshake.headers.authorization).toBe('Bearer receiver-secret');
      expect(handshake.headers['content-type']).toBe('application/fhir+json');
      expect(handshake.bundle.type).toBe('history');

      const ids = await placeReferral(chain);
      const note = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.events.some((e) => e.focus?.includes(`/Task/${ids.Task}/`)));
      expect(note.type).toBe('event-notification');
      expect(note.status).toBe('active');
      const event = note.events.find((e) => e.focus?.includes(`/Task/${ids.Task}/`))!;
      expect(event.number).toBe(1);
      expect(event.focus).toBe(`${current().baseUrl}/Task/${ids.Task}/_history/1`);
      // Notified pull: the entry names the Task, it does not carry it.
      const entry = note.bundle.entry!.find((e) => e.fullUrl === `${current().baseUrl}/Task/${ids.Task}`)!;
      expect(entry.resource).toBeUndefined();
      expect(entry.request).toEqual({ method: 'POST', url: 'Task' });
      expect(JSON.stringify(note.bundle)).not.toContain('999');

      // The social-work system pulls the Task with its own token and accepts it; that is event 2.
      const { task } = await readTask(chain.welfare, event.focus!.split('/Task/')[1]!.split('/')[0]!);
      expect(task.status).toBe('requested');
      const accepted = await attemptMove(chain, { ...ids, Task: task.id! }, findTransition('requested', 'accepted', 'owner')!, 'owner');
      expect(accepted.status).toBe(200);
      const second = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.events.some((e) => e.number === 2));
      expect(second.events.find((e) => e.number === 2)!.focus).toBe(`${current().baseUrl}/Task/${ids.Task}/_history/2`);
      expect(second.eventsSinceStart).toBeGreaterThanOrEqual(2);

      const off = await chain.welfare.request('PUT', `Subscription/${id}`, { ...(await waitForStatus(chain.welfare, id, 'active')), status: 'off' });
      expect(off.status).toBe(200);
    });

    it('filters by status and tells a subscriber nothing about Tasks its organisation may not read', async () => {
      const accepted = await subscribe(chain.welfare, { filters: [`Task?owner=Organization/${chain.org.W}&status=accepted`] });
      // Another welfare organisation asks about W's Tasks: the filter matches, the access policy does not.
      const nosy = await subscribe(chain.other, { filters: [`Task?owner=Organization/${chain.org.W}`] });
      const ids = await placeReferral(chain);
      const move = await attemptMove(chain, ids, findTransition('requested', 'accepted', 'owner')!, 'owner');
      expect(move.status).toBe(200);
      const note = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${accepted}`) && r.type === 'event-notification');
      expect(note.events).toHaveLength(1);
      expect(note.events[0]!.focus).toBe(`${current().baseUrl}/Task/${ids.Task}/_history/2`);
      const status = await chain.other.get(`Subscription/${nosy}/$status`);
      expect(status.status).toBe(200);
      expect(parseNotification({ resourceType: 'Bundle', type: 'history', entry: [{ resource: (status.body as Bundle).entry![0]!.resource }] }).eventsSinceStart).toBe(0);
      expect(receiver.for(nosy).filter((r) => r.type === 'event-notification')).toHaveLength(0);
      for (const sub of [accepted, nosy]) {
        const as = sub === nosy ? chain.other : chain.welfare;
        await as.request('PUT', `Subscription/${sub}`, { ...(await waitForStatus(as, sub, 'active')), status: 'off' });
      }
    });

    it('tells the practice that feedback is available, with the Communication as additional context', async () => {
      const id = await subscribe(chain.practice, { topic: FEEDBACK_TOPIC, filters: [`requester=Organization/${chain.org.P}`] });
      const ids = await placeReferral(chain);
      expect((await attemptMove(chain, ids, findTransition('requested', 'accepted', 'owner')!, 'owner')).status).toBe(200);
      expect((await attemptMove(chain, ids, findTransition('accepted', 'in-progress', 'owner')!, 'owner')).status).toBe(200);
      const note = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.type === 'event-notification');
      expect(note.events).toHaveLength(1);
      expect(note.events[0]!.focus).toBe(`${current().baseUrl}/Task/${ids.Task}/_history/3`);
      const { task } = await readTask(chain.practice, ids.Task);
      const feedback = task.output![0]!.valueReference!.reference!;
      expect(note.events[0]!.additionalContext).toEqual([`${current().baseUrl}/${feedback}`]);
      expect((await chain.practice.get(feedback)).status).toBe(200);
      await chain.practice.request('PUT', `Subscription/${id}`, { ...(await waitForStatus(chain.practice, id, 'active')), status: 'off' });
    });

    it('sends the Task itself for full-resource, and answers $status and $events as the backport guide specifies', async () => {
      const id = await subscribe(chain.welfare, { filters: [`owner=Organization/${chain.org.W}`], content: 'full-resource' });
      const first = await placeReferral(chain);
      const second = await placeReferral(chain);
      await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.events.some((e) => e.number === 2));
      const withResource = receiver.for(id).flatMap((r) => r.bundle.entry!.slice(1));
      expect(withResource.map((e) => (e.resource as Task).id).sort()).toEqual([first.Task, second.Task].sort());
      // Sending the resource is a disclosure to the subscriber: it is in the audit trail as the subscriber's read.
      const audit = await chain.admin.get(`AuditEvent?entity=Task/${first.Task}&subtype=vread&_count=50`);
      expect(audit.status).toBe(200);
      const readers = (audit.body as Bundle).entry!.map((e) => JSON.stringify(e.resource));
      expect(readers.some((r) => r.includes('demo-welzijn') && r.includes(`subscription:${id}`))).toBe(true);

      const status = await chain.welfare.get(`Subscription/${id}/$status`);
      expect(status.status).toBe(200);
      expect(status.body.type).toBe('searchset');
      const parameters = (status.body as Bundle).entry![0]!.resource as Parameters;
      expect(parameters.meta?.profile).toEqual(['http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4']);
      expect(Object.fromEntries(parameters.parameter!.map((p) => [p.name, p.valueCode ?? p.valueString ?? p.valueCanonical ?? p.valueReference?.reference]))).toEqual({
        subscription: `${current().baseUrl}/Subscription/${id}`,
        topic: TASK_TOPIC,
        status: 'active',
        type: 'query-status',
        'events-since-subscription-start': '2',
      });
      const all = await chain.welfare.get(`Subscription/$status?id=${id}&status=active`);
      expect(all.body.total).toBe(1);
      expect((await chain.other.get(`Subscription/$status?id=${id}`)).body.total).toBe(0);

      const events = await chain.welfare.get(`Subscription/${id}/$events?eventsSinceNumber=2&eventsUntilNumber=2&content=id-only`);
      expect(events.status).toBe(200);
      expect(events.body.type).toBe('history');
      const replay = parseNotification(events.body as Bundle);
      expect(replay.type).toBe('query-event');
      expect(replay.events.map((e) => e.number)).toEqual([2]);
      expect(replay.events[0]!.focus).toBe(`${current().baseUrl}/Task/${second.Task}/_history/1`);
      expect((events.body as Bundle).entry![1]!.resource).toBeUndefined();
      expect(parseNotification((await chain.welfare.get(`Subscription/${id}/$events`)).body as Bundle).events.map((e) => e.number)).toEqual([1, 2]);

      const backwards = await chain.welfare.get(`Subscription/${id}/$events?eventsSinceNumber=5&eventsUntilNumber=1`);
      expect(backwards.status).toBe(400);
      expect(backwards.body.issue[0].expression).toEqual(['eventsUntilNumber']);
      expect((await chain.welfare.get(`Subscription/${id}/$events?eventsSinceNumber=abc`)).status).toBe(400);
      expect((await chain.other.get(`Subscription/${id}/$events`)).status).toBe(404);
      await chain.welfare.request('PUT', `Subscription/${id}`, { ...(await waitForStatus(chain.welfare, id, 'active')), status: 'off' });
    });

    it('retries with back-off, sets error after repeated failures, and recovers when the endpoint answers again', async () => {
      const id = await subscribe(chain.welfare, { filters: [`owner=Organization/${chain.org.W}`] });
      receiver.answer = 503;
      try {
        await placeReferral(chain);
        const failed = await waitForStatus(chain.welfare, id, 'error');
        expect(failed.error).toContain('503');
      } finally {
        receiver.answer = 200;
      }
      const note = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.type === 'event-notification');
      expect(note.events.map((e) => e.number)).toEqual([1]);
      await waitForStatus(chain.welfare, id, 'active');
      await chain.welfare.request('PUT', `Subscription/${id}`, { ...(await waitForStatus(chain.welfare, id, 'active')), status: 'off' });
    });

    it('sends heartbeats while nothing happens, and nothing once the client turns it off', async () => {
      const id = await subscribe(chain.welfare, { filters: [`owner=Organization/${chain.org.W}`], heartbeat: 1 });
      const beat = await receiver.waitFor((r) => r.subscription.endsWith(`/Subscription/${id}`) && r.type === 'heartbeat', 5_000);
      expect(beat.events).toEqual([]);
      const live = await waitForStatus(chain.welfare, id, 'active');
      expect((await chain.welfare.request('PUT', `Subscription/${id}`, { ...live, status: 'off' })).status).toBe(200);
      const count = receiver.for(id).length;
      await placeReferral(chain);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(receiver.for(id)).toHaveLength(count);
    });

    it.each<[string, (endpoint: string) => Subscription, string]>([
      ['an unknown topic', (e) => ({ ...subscription(e), criteria: 'https://example.org/topic' }), 'Subscription.criteria'],
      ['a filter the topic lacks', (e) => subscription(e, { filters: ['Task?patient=Patient/1'] }), 'Subscription.criteria.extension[0]'],
      ['a filter on another type', (e) => subscription(e, { filters: ['Patient?owner=Organization/1'] }), 'Subscription.criteria.extension[0]'],
      ['an endpoint off the allowlist', () => subscription('http://hooks.example.org/x'), 'Subscription.channel.endpoint'],
      ['credentials in the endpoint', () => subscription('http://user:pw@127.0.0.1:9/x'), 'Subscription.channel.endpoint'],
      ['a websocket channel', (e) => ({ ...subscription(e), channel: { ...subscription(e).channel, type: 'websocket' } }), 'Subscription.channel.type'],
      ['an unknown payload content', (e) => ({ ...subscription(e), channel: { ...subscription(e).channel, _payload: { extension: [{ url: 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content', valueCode: 'everything' }] } } as Subscription['channel'] }), 'Subscription.channel.payload.extension'],
      ['a malformed header', (e) => subscription(e, { headers: ['no colon here'] }), 'Subscription.channel.header[0]'],
      ['status active on create', (e) => subscription(e, { status: 'active' }), 'Subscription.status'],
    ])('refuses %s with 422 at the element', async (_name, build, expression) => {
      const res = await chain.welfare.request('POST', 'Subscription', build(endpoint));
      expect(res.status).toBe(422);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].expression).toEqual([expression]);
    });

    it('lists its topics in the CapabilityStatement', async () => {
      const res = await current().app.inject({ method: 'GET', url: '/fhir/metadata' });
      const resource = JSON.parse(res.body).rest[0].resource.find((r: { type: string }) => r.type === 'Subscription');
      expect(resource.extension.map((e: { valueCanonical: string }) => e.valueCanonical)).toEqual([TASK_TOPIC, FEEDBACK_TOPIC]);
      expect(resource.operation.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['events', 'status']));
      expect(resource.supportedProfile).toContain('http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription');
    });
  },
  { security: true, env: ENV },
);
