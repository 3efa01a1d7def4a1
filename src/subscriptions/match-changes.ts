import type { FastifyBaseLogger } from 'fastify';
import type { Engine, Principal } from '../fhir/index.ts';
import { matchesCriteria } from './filter-criteria.ts';
import { readableBy } from './subscriber-access.ts';
import type { SubscriptionList } from './subscription-list.ts';
import type { ChangeFacts } from './topics.ts';

interface ChangeRow {
  seq: string | number;
  resource_type: string;
  resource_id: string;
  version_id: number;
  method: string;
  facts: ChangeFacts | string;
  occurred_at: Date | string;
}

export interface MatchDependencies {
  readonly engine: Engine;
  readonly log: FastifyBaseLogger;
  readonly subscriptions: SubscriptionList;
}

const BATCH = 500;

/**
 * Turns outbox changes into numbered events, one per subscription whose topic, filters and access allow it. The
 * changes are claimed with FOR UPDATE SKIP LOCKED, so several instances share the work, and removed in the same
 * transaction that writes their events and counters: a crash leaves either the change or its events, never neither.
 * Returns how many changes were handled.
 */
export async function matchChanges(deps: MatchDependencies): Promise<{ changes: number; events: number; again?: boolean }> {
  // Read outside the transaction: on the embedded database a query from outside would wait for it.
  const subscriptions = await deps.subscriptions.get();

  return deps.engine.repo.transaction(async (tx) => {
    // Claimed and removed at once; the removal only holds if this transaction commits with the events.
    const { rows } = await tx.sql.query<ChangeRow>(
      `DELETE FROM subscription_changes WHERE seq IN (SELECT seq FROM subscription_changes ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING seq, resource_type, resource_id, version_id, method, facts, occurred_at`,
    );
    if (rows.length === 0) return { changes: 0, events: 0 };
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    // A subscription that became visible after the list was read would miss these changes: read the list again.
    const appeared = await tx.sql.query(`SELECT 1 FROM subscription_state WHERE status <> 'off' AND NOT (id = ANY($1::text[])) LIMIT 1`, [subscriptions.map((m) => m.state.id)]);
    if (appeared.rows.length > 0) {
      deps.subscriptions.invalidate();
      throw new ListChanged();
    }
    const engine: Engine = { ...deps.engine, repo: tx };
    // Topic and filters first, in memory; then one access check per subscriber for the whole batch.
    const candidates = new Map<string, { principal: Principal; list: { change: ChangeRow; focus: string; context: readonly string[] }[] }>();
    for (const change of rows) {
      const facts: ChangeFacts = typeof change.facts === 'string' ? (JSON.parse(change.facts) as ChangeFacts) : change.facts;
      const occurredAt = new Date(change.occurred_at).getTime();
      for (const { state, topic, createdAt, principal } of subscriptions) {
        if (!topic || !principal || topic.resourceType !== change.resource_type || occurredAt < createdAt) continue;
        if (!topic.triggers(facts) || !matchesCriteria(state.filters, facts)) continue;
        const entry = candidates.get(state.id) ?? { principal, list: [] };
        entry.list.push({ change, focus: `${change.resource_type}/${change.resource_id}`, context: topic.additionalContext?.(facts) ?? [] });
        candidates.set(state.id, entry);
      }
    }
    const eventsBySubscription = new Map<string, { change: ChangeRow; context: string[] }[]>();
    for (const [subscriptionId, { principal, list }] of candidates) {
      const readable = await readableBy(engine, principal, deps.log, list.flatMap((c) => [c.focus, ...c.context]));
      const allowed = list.filter((c) => readable.has(c.focus)).map((c) => ({ change: c.change, context: c.context.filter((r) => readable.has(r)) }));
      if (allowed.length > 0) eventsBySubscription.set(subscriptionId, allowed);
    }

    let events = 0;
    for (const [subscriptionId, list] of eventsBySubscription) {
      // Numbers taken and events written in one statement; a subscription deleted meanwhile gets none.
      await tx.sql.query(
        `WITH counted AS (
           UPDATE subscription_event_counters SET last_event = last_event + $2 WHERE subscription_id = $1 RETURNING last_event - $2 AS before)
         INSERT INTO subscription_events (subscription_id, event_number, occurred_at, focus_type, focus_id, focus_version, method, context)
         SELECT $1, counted.before + e.n, e.occurred_at, e.focus_type, e.focus_id, e.focus_version, e.method, e.context
         FROM counted,
              unnest($3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::text[], $8::jsonb[]) WITH ORDINALITY
                AS e(occurred_at, focus_type, focus_id, focus_version, method, context, n)`,
        [
          subscriptionId,
          list.length,
          list.map((e) => new Date(e.change.occurred_at).toISOString()),
          list.map((e) => e.change.resource_type),
          list.map((e) => e.change.resource_id),
          list.map((e) => e.change.version_id),
          list.map((e) => e.change.method),
          list.map((e) => JSON.stringify(e.context)),
        ],
      );
      events += list.length;
    }
    return { changes: rows.length, events };
  }).catch((err: unknown) => {
    if (err instanceof ListChanged) return { changes: 0, events: 0, again: true };
    throw err;
  });
}

/** Rolls the claim back: the list of subscriptions is read again before these changes are matched. */
class ListChanged extends Error {}
