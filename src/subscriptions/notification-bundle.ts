import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import { BACKPORT, type NotificationType, type PayloadContent, type SubscriptionStatusCode } from './backport.ts';

/** One numbered event of a subscription, as stored in `subscription_events`. */
export interface StoredEvent {
  readonly eventNumber: number;
  readonly occurredAt: string;
  readonly focusType: string;
  readonly focusId: string;
  readonly focusVersion: number;
  readonly method: string;
  readonly context: readonly string[];
}

/** How an event's focus version is named: `Task/1/_history/2` (the key of the resources sent in full). */
export function focusKey(event: StoredEvent): string {
  return `${event.focusType}/${event.focusId}/_history/${event.focusVersion}`;
}

export interface StatusFacts {
  readonly baseUrl: string;
  readonly subscriptionId: string;
  readonly topic: string;
  readonly status: SubscriptionStatusCode;
  readonly type: NotificationType;
  readonly eventsSinceStart: number;
  readonly error?: string;
}

/** The SubscriptionStatus (backport profile on Parameters) that opens every notification and answers $status. */
export function subscriptionStatus(facts: StatusFacts, events: readonly StoredEvent[], content: PayloadContent): Parameters {
  const parameter: ParametersParameter[] = [
    { name: 'subscription', valueReference: { reference: `${facts.baseUrl}/Subscription/${facts.subscriptionId}` } },
    { name: 'topic', valueCanonical: facts.topic },
    { name: 'status', valueCode: facts.status },
    { name: 'type', valueCode: facts.type },
    // A string in R4: the count is an integer64 in R5.
    { name: 'events-since-subscription-start', valueString: String(facts.eventsSinceStart) },
  ];
  for (const event of events) {
    const part: ParametersParameter[] = [
      { name: 'event-number', valueString: String(event.eventNumber) },
      { name: 'timestamp', valueInstant: event.occurredAt },
    ];
    if (content !== 'empty') {
      part.push({ name: 'focus', valueReference: { reference: `${facts.baseUrl}/${focusKey(event)}` } });
      for (const reference of event.context) part.push({ name: 'additional-context', valueReference: { reference: `${facts.baseUrl}/${reference}` } });
    }
    parameter.push({ name: 'notification-event', part });
  }
  if (facts.error) parameter.push({ name: 'error', valueCodeableConcept: { text: facts.error } });
  return { resourceType: 'Parameters', id: randomUUID(), meta: { profile: [BACKPORT.statusProfile] }, parameter };
}

/** The focus entries of a notification: the reference for id-only, the resource itself for full-resource. */
function focusEntries(baseUrl: string, events: readonly StoredEvent[], resources: ReadonlyMap<string, Resource>): BundleEntry[] {
  const seen = new Set<string>();
  const entries: BundleEntry[] = [];
  for (const event of events) {
    const key = focusKey(event);
    if (seen.has(key)) continue;
    seen.add(key);
    const created = event.method === 'POST';
    const resource = resources.get(key);
    entries.push({
      fullUrl: `${baseUrl}/${event.focusType}/${event.focusId}`,
      ...(resource ? { resource } : {}),
      request: { method: created ? 'POST' : 'PUT', url: created ? event.focusType : `${event.focusType}/${event.focusId}` },
      response: { status: created ? '201' : '200' },
    });
  }
  return entries;
}

/**
 * A notification Bundle (type history): the status first, then one entry per focus unless the content is empty.
 * `resources` holds the focus versions the subscriber may read, by `Type/id/_history/version`, for full-resource.
 */
export function notificationBundle(facts: StatusFacts, events: readonly StoredEvent[], content: PayloadContent, resources: ReadonlyMap<string, Resource> = new Map()): Bundle {
  const status = subscriptionStatus(facts, events, content);
  const statusEntry: BundleEntry = {
    fullUrl: `urn:uuid:${status.id}`,
    resource: status,
    request: { method: 'GET', url: `Subscription/${facts.subscriptionId}/$status` },
    response: { status: '200' },
  };
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [BACKPORT.notificationProfile] },
    type: 'history',
    timestamp: new Date().toISOString(),
    entry: [statusEntry, ...(content === 'empty' ? [] : focusEntries(facts.baseUrl, events, resources))],
  };
}
