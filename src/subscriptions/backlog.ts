import type { Database } from '../store/index.ts';

/** What waits to be matched and delivered, for an operator's metrics. */
export interface SubscriptionBacklog {
  /** Outbox rows (topic-relevant writes) not yet turned into events, and the age of the oldest in seconds. */
  readonly outboxDepth: number;
  readonly outboxAgeSeconds: number;
  /** Events numbered for a live subscription and not yet delivered. */
  readonly undeliveredEvents: number;
  /** Subscriptions per status (requested, active, error, off). */
  readonly byStatus: Readonly<Record<string, number>>;
}

/** Reads the backlog in one round trip; the outbox stays small (the worker empties it), so counting it is cheap. */
export async function subscriptionBacklog(db: Database): Promise<SubscriptionBacklog> {
  const { rows } = await db.query<{ depth: string; age: number | null; undelivered: string; statuses: Record<string, number> | null }>(
    `SELECT (SELECT count(*) FROM subscription_changes) AS depth,
            (SELECT extract(epoch FROM now() - min(occurred_at))::float8 FROM subscription_changes) AS age,
            (SELECT coalesce(sum(greatest(c.last_event - s.delivered_through, 0)), 0)
               FROM subscription_state s JOIN subscription_event_counters c ON c.subscription_id = s.id
              WHERE s.status <> 'off') AS undelivered,
            (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM subscription_state GROUP BY status) t) AS statuses`,
  );
  const row = rows[0]!;
  return { outboxDepth: Number(row.depth), outboxAgeSeconds: row.age ?? 0, undeliveredEvents: Number(row.undelivered), byStatus: row.statuses ?? {} };
}
