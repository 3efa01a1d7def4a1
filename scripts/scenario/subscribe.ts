// The systems subscribe the way the HL7 Subscriptions R5 Backport describes: a Subscription with a topic, a filter
// and a rest-hook endpoint; the server makes it active after a handshake with that endpoint.
import type { Subscription } from '@medplum/fhirtypes';
import type { Actor } from './actors.ts';

const IG = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition';
export const TASK_TOPIC = 'https://brug.example.org/fhir/SubscriptionTopic/verwijzingstaak';
export const FEEDBACK_TOPIC = 'https://brug.example.org/fhir/SubscriptionTopic/terugkoppeling';

export interface SubscriptionRequest {
  readonly topic: string;
  readonly endpoint: string;
  /** Filter criteria such as `Task?owner=Organization/x`; several are ANDed. */
  readonly filters?: readonly string[];
  readonly payload?: 'empty' | 'id-only' | 'full-resource';
  readonly maxCount?: number;
  readonly heartbeatSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly headers?: readonly string[];
  readonly status?: Subscription['status'];
  readonly reason?: string;
}

/** The Subscription a subscribing system posts (backport profile), status `requested`. */
export function subscriptionResource(request: SubscriptionRequest): Subscription {
  const channelExtensions = [
    ...(request.heartbeatSeconds !== undefined ? [{ url: `${IG}/backport-heartbeat-period`, valueUnsignedInt: request.heartbeatSeconds }] : []),
    { url: `${IG}/backport-timeout`, valueUnsignedInt: request.timeoutSeconds ?? 5 },
    ...(request.maxCount !== undefined ? [{ url: `${IG}/backport-max-count`, valuePositiveInt: request.maxCount }] : []),
  ];
  return {
    resourceType: 'Subscription',
    meta: { profile: [`${IG}/backport-subscription`] },
    status: request.status ?? 'requested',
    reason: request.reason ?? 'Verwijzingen voor de eigen organisatie',
    criteria: request.topic,
    ...(request.filters?.length ? { _criteria: { extension: request.filters.map((f) => ({ url: `${IG}/backport-filter-criteria`, valueString: f })) } } : {}),
    channel: {
      extension: channelExtensions,
      type: 'rest-hook',
      endpoint: request.endpoint,
      ...(request.headers ? { header: [...request.headers] } : {}),
      payload: 'application/fhir+json',
      _payload: { extension: [{ url: `${IG}/backport-payload-content`, valueCode: request.payload ?? 'id-only' }] },
    },
  } as Subscription;
}

/** Creates the Subscription as `actor` and waits until it is active; returns its id. */
export async function subscribe(actor: Actor, endpoint: string, topic: string, filter: string): Promise<string> {
  const body = subscriptionResource({ topic, endpoint, filters: [filter], reason: `Scenario: ${actor.label}` });
  const created = (await actor.fhir.create({ resourceType: 'Subscription', body: body as never })) as unknown as Subscription;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const current = (await actor.fhir.read({ resourceType: 'Subscription', id: created.id! })) as unknown as Subscription;
    if (current.status === 'active') return created.id!;
    if (current.status === 'error' || Date.now() > deadline) throw new Error(`Subscription/${created.id} did not become active (status ${current.status}${current.error ? `: ${current.error}` : ''})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Turns the Subscription off, as a system does when it stops listening. */
export async function unsubscribe(actor: Actor, id: string): Promise<void> {
  const current = (await actor.fhir.read({ resourceType: 'Subscription', id })) as unknown as Subscription;
  await actor.fhir.update({ resourceType: 'Subscription', id, body: { ...current, status: 'off' } as never });
}
