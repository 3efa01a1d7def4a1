import type { SqlExecutor } from '../store/index.ts';
import type { StoredEvent } from './notification-bundle.ts';

interface EventRow {
  event_number: string | number;
  occurred_at: Date | string;
  focus_type: string;
  focus_id: string;
  focus_version: number;
  method: string;
  context: string[] | string;
}

/** A subscription's events numbered `from` to `to`, both inclusive, in order. */
export async function readEvents(sql: SqlExecutor, subscriptionId: string, from: number, to: number): Promise<StoredEvent[]> {
  const { rows } = await sql.query<EventRow>(
    `SELECT event_number, occurred_at, focus_type, focus_id, focus_version, method, context FROM subscription_events
     WHERE subscription_id = $1 AND event_number BETWEEN $2 AND $3 ORDER BY event_number`,
    [subscriptionId, from, to],
  );
  return rows.map((r) => ({
    eventNumber: Number(r.event_number),
    occurredAt: new Date(r.occurred_at).toISOString(),
    focusType: r.focus_type,
    focusId: r.focus_id,
    focusVersion: r.focus_version,
    method: r.method,
    context: typeof r.context === 'string' ? (JSON.parse(r.context) as string[]) : r.context,
  }));
}
