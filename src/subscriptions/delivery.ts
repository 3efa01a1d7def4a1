import type { Resource } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import type { SubscriptionConfig } from '../config.ts';
import type { Principal } from '../fhir/index.ts';
import type { Database } from '../store/index.ts';
import type { NotificationType, PayloadContent } from './backport.ts';
import { endpointRefusal } from './endpoint-allowlist.ts';
import { notificationBundle } from './notification-bundle.ts';
import { readEvents } from './event-rows.ts';
import { normalizeState, STATE_COLUMNS_RETURNING, STATE_FROM, type StateRow } from './state-rows.ts';
import { readFocusAs, type ReadAs } from './read-as.ts';

export interface DeliveryDependencies {
  readonly db: Database;
  readonly config: SubscriptionConfig;
  readonly baseUrl: string;
  readonly log: FastifyBaseLogger;
  readonly principalFor: (state: StateRow) => Promise<Principal | undefined>;
  readonly readAs: ReadAs;
  /** Writes the subscription's new status on its resource (active after a handshake, error after failures). */
  readonly setStatus: (id: string, from: readonly string[], to: 'active' | 'error', error?: string) => Promise<void>;
  readonly random?: () => number;
  /** Aborts notifications on their way when the worker stops (they are sent again after the lease). */
  readonly stopping?: AbortSignal;
  /** Told of every attempt's outcome (for metrics). */
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
}

export interface DeliveryOutcome {
  readonly type: NotificationType;
  readonly delivered: boolean;
}

/**
 * Claims subscriptions that have something due (a handshake, events, a heartbeat), each for the length of one
 * attempt: FOR UPDATE SKIP LOCKED picks rows no other instance is claiming, and the lease keeps them out of reach
 * while the notification is on its way, without holding a transaction open during the HTTP call. A crash leaves
 * the lease to expire, and the notification is sent again (at least once).
 */
export async function claimDue(db: Database, limit: number): Promise<StateRow[]> {
  if (limit <= 0) return [];
  const { rows } = await db.query<StateRow>(
    `UPDATE subscription_state SET lease_until = now() + make_interval(secs => timeout_seconds + 2)
     WHERE id IN (
       SELECT s.id FROM ${STATE_FROM}
       WHERE s.status <> 'off' AND s.next_attempt_at <= now() AND (s.lease_until IS NULL OR s.lease_until < now())
         AND (s.status = 'requested' OR c.last_event > s.delivered_through
              OR (s.status = 'active' AND s.heartbeat_seconds IS NOT NULL
                  AND (s.last_sent_at IS NULL OR s.last_sent_at + make_interval(secs => s.heartbeat_seconds) <= now())))
       ORDER BY s.next_attempt_at
       LIMIT $1
       FOR UPDATE OF s SKIP LOCKED)
     RETURNING ${STATE_COLUMNS_RETURNING}`,
    [limit],
  );
  return rows.map(normalizeState);
}

/** Exponential back-off with jitter: half the step fixed, half random, so failing receivers are not hit in waves. */
export function retryDelayMs(failures: number, config: SubscriptionConfig, random: () => number = Math.random): number {
  const step = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Sends what is due for one claimed subscription and records the outcome. */
export async function deliverOne(deps: DeliveryDependencies, state: StateRow): Promise<void> {
  const eventsSinceStart = Number(state.events_since_start);
  const deliveredThrough = Number(state.delivered_through);
  const type: NotificationType = state.status === 'requested' ? 'handshake' : eventsSinceStart > deliveredThrough ? 'event-notification' : 'heartbeat';
  const events = type === 'event-notification' ? await readEvents(deps.db, state.id, deliveredThrough + 1, deliveredThrough + state.max_count) : [];
  const content = state.content as PayloadContent;
  const resources = content === 'full-resource' ? await readFocusAs(deps.readAs, await deps.principalFor(state), events) : new Map<string, Resource>();
  const bundle = notificationBundle(
    { baseUrl: deps.baseUrl, subscriptionId: state.id, topic: state.topic, status: state.status, type, eventsSinceStart },
    events,
    content,
    resources,
  );

  const problem = endpointRefusal(state.endpoint, deps.config) ?? (await post(state, JSON.stringify(bundle), deps.stopping));
  // Cut off by a shutdown: not the receiver's failure; the lease runs out and the notification goes again.
  if (deps.stopping?.aborted) return;
  deps.onOutcome?.({ type, delivered: problem === undefined });
  if (problem === undefined) {
    const through = events.at(-1)?.eventNumber ?? deliveredThrough;
    // The status first, while the lease still holds: released earlier, a requested subscription would be claimed
    // for a second handshake before it is active.
    if (state.status === 'requested' || state.status === 'error') await deps.setStatus(state.id, [state.status], 'active');
    await deps.db.query(
      `UPDATE subscription_state SET delivered_through = GREATEST(delivered_through, $2), failures = 0, last_error = NULL,
         last_sent_at = now(), lease_until = NULL, next_attempt_at = now() WHERE id = $1`,
      [state.id, through],
    );
    return;
  }
  const failures = state.failures + 1;
  const delay = retryDelayMs(failures, deps.config, deps.random);
  await deps.db.query(
    `UPDATE subscription_state SET failures = $2, last_error = $3, lease_until = NULL,
       next_attempt_at = now() + make_interval(secs => $4::double precision / 1000) WHERE id = $1`,
    [state.id, failures, problem, delay],
  );
  deps.log.warn({ subscription: state.id, type, failures, problem }, 'subscription notification failed');
  if (failures >= deps.config.maxFailures && state.status !== 'error') await deps.setStatus(state.id, ['requested', 'active'], 'error', problem);
}

/** POSTs the notification; returns why it failed, or undefined on a 2xx. Redirects are not followed. */
async function post(state: StateRow, body: string, stopping?: AbortSignal): Promise<string | undefined> {
  const timeout = AbortSignal.timeout(state.timeout_seconds * 1000);
  try {
    const response = await fetch(state.endpoint, {
      method: 'POST',
      headers: [...state.headers, ['Content-Type', 'application/fhir+json']],
      body,
      redirect: 'manual',
      signal: stopping ? AbortSignal.any([timeout, stopping]) : timeout,
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok ? undefined : `the endpoint answered ${response.status}`;
  } catch (err) {
    const name = (err as Error).name;
    return name === 'TimeoutError' ? `no answer within ${state.timeout_seconds} s` : `the endpoint could not be reached (${(err as Error).message})`;
  }
}
