import type { Bundle, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { FhirErrors, OperationInput, visibleToCaller, type FhirResponse, type InteractionContext, type OperationInvocation, type OperationSpec } from '../fhir/index.ts';
import type { Database, Filter } from '../store/index.ts';
import { BACKPORT, PAYLOAD_CONTENTS, type PayloadContent } from './backport.ts';
import { SubscriptionErrors } from './errors.ts';
import { readEvents } from './event-rows.ts';
import { notificationBundle, subscriptionStatus, type StatusFacts } from './notification-bundle.ts';
import { readFocusAs, type ReadAs } from './read-as.ts';
import { readState, type StateRow } from './state-rows.ts';

/** The most events one $events call returns; a receiver asks again from the next number. */
export const EVENTS_PAGE = 100;

function statusFacts(baseUrl: string, state: StateRow, type: StatusFacts['type']): StatusFacts {
  return {
    baseUrl,
    subscriptionId: state.id,
    topic: state.topic,
    status: state.status,
    type,
    eventsSinceStart: Number(state.events_since_start),
    ...(state.last_error && state.status === 'error' ? { error: state.last_error } : {}),
  };
}

/** The Subscriptions among `ids` (all when empty) that the caller may read, by the access policy's filters. */
async function readableIds(call: OperationInvocation, ids: readonly string[]): Promise<string[]> {
  const { engine, context } = call;
  const scopes = await engine.hooks.collect('search.scope', { interaction: context, resourceType: 'Subscription' });
  const filters: Filter[] = [...(ids.length > 0 ? [{ kind: 'id' as const, ids: [...ids] }] : []), ...scopes];
  const page = await engine.repo.search({
    resourceTypes: ['Subscription'],
    filter: filters.length > 0 ? { kind: 'and', filters } : undefined,
    sort: [],
    count: 1000,
    offset: 0,
    total: 'none',
  });
  return page.matches.map((m) => m.id);
}

async function readableState(db: Database, call: OperationInvocation): Promise<StateRow> {
  const id = call.id!;
  const version = await call.engine.repo.readCurrent('Subscription', id);
  const visible = version !== undefined && !version.deleted && (await visibleToCaller(call.engine, call.context as InteractionContext, version));
  const state = visible ? (await readState(db, [id]))[0] : undefined;
  if (!state) throw FhirErrors.notFound(['Subscription', id]);
  return state;
}

/** `$status`: one SubscriptionStatus (type query-status) per Subscription, in a searchset Bundle. */
export function statusOperation(db: Database, baseUrl: string): OperationSpec {
  return {
    name: 'status',
    levels: ['type', 'instance'],
    resourceTypes: ['Subscription'],
    methods: ['GET', 'POST'],
    definition: BACKPORT.statusOperation,
    documentation: 'The status of topic-based Subscriptions (R5 Backport): status, events since start, last error. At type level filtered by id and status.',
    handler: async (call): Promise<FhirResponse> => {
      const input = new OperationInput(call.request, 'status');
      let states: StateRow[];
      if (call.level === 'instance') {
        states = [await readableState(db, call)];
      } else {
        const ids = input.strings('id').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
        const statuses = input.strings('status').flatMap((v) => v.split(','));
        states = (await readState(db, await readableIds(call, ids))).filter((s) => statuses.length === 0 || statuses.includes(s.status));
        states.sort((a, b) => a.id.localeCompare(b.id));
      }
      const bundle: Bundle = {
        resourceType: 'Bundle',
        id: randomUUID(),
        type: 'searchset',
        total: states.length,
        entry: states.map((state) => {
          const resource = subscriptionStatus(statusFacts(baseUrl, state, 'query-status'), [], state.content as PayloadContent);
          return { fullUrl: `urn:uuid:${resource.id}`, resource, search: { mode: 'match' } };
        }),
      };
      return { status: 200, resource: bundle };
    },
  };
}

function eventNumber(input: OperationInput, name: string): number | undefined {
  const text = input.string(name);
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text)) throw SubscriptionErrors.badEventRange([`${name} is an event number (a whole number), not "${text}"`], { expression: [input.where(name)] });
  return Number(text);
}

/**
 * `$events`: the notifications a receiver missed, from `eventsSinceNumber` to `eventsUntilNumber` (both inclusive;
 * by default the latest page), as a history Bundle whose SubscriptionStatus has type query-event. Full resources
 * only where the caller may read them now.
 */
export function eventsOperation(db: Database, baseUrl: string, read: ReadAs): OperationSpec {
  return {
    name: 'events',
    levels: ['instance'],
    resourceTypes: ['Subscription'],
    methods: ['GET', 'POST'],
    definition: BACKPORT.eventsOperation,
    documentation: 'Events of a topic-based Subscription (R5 Backport) by event number, to catch up on missed notifications; at most 100 per call.',
    handler: async (call): Promise<FhirResponse> => {
      const input = new OperationInput(call.request, 'events');
      const state = await readableState(db, call);
      const total = Number(state.events_since_start);
      const since = eventNumber(input, 'eventsSinceNumber');
      const until = eventNumber(input, 'eventsUntilNumber');
      if (since !== undefined && until !== undefined && until < since) {
        throw SubscriptionErrors.badEventRange([`eventsUntilNumber (${until}) is below eventsSinceNumber (${since})`], { expression: [input.where('eventsUntilNumber')] });
      }
      const last = Math.min(until ?? total, total, since !== undefined ? since + EVENTS_PAGE - 1 : Number.MAX_SAFE_INTEGER);
      const first = Math.max(since ?? last - EVENTS_PAGE + 1, 1);
      const requested = input.string('content') ?? state.content;
      if (!PAYLOAD_CONTENTS.includes(requested as PayloadContent)) {
        throw SubscriptionErrors.badEventRange([`content is one of ${PAYLOAD_CONTENTS.join(', ')}, not "${requested}"`], { expression: [input.where('content')] });
      }
      const content = requested as PayloadContent;
      const events = last >= first ? await readEvents(db, state.id, first, last) : [];
      const resources = content === 'full-resource' ? await readFocusAs(read, call.context.principal, events) : new Map<string, Resource>();
      return { status: 200, resource: notificationBundle(statusFacts(baseUrl, state, 'query-event'), events, content, resources) };
    },
  };
}
