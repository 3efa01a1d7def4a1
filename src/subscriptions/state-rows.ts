import type { SqlExecutor } from '../store/index.ts';
import type { SubscriptionStatusCode } from './backport.ts';
import type { FilterCriterion } from './filter-criteria.ts';
import type { SubscriptionSettings } from './subscription-settings.ts';

/** A row of `subscription_state`, as the worker reads it. */
export interface StateRow {
  id: string;
  resource_version: number;
  client_id: string;
  organization_id: string | null;
  topic: string;
  filters: FilterCriterion[];
  endpoint: string;
  headers: [string, string][];
  content: string;
  heartbeat_seconds: number | null;
  timeout_seconds: number;
  max_count: number;
  status: SubscriptionStatusCode;
  events_since_start: string | number;
  delivered_through: string | number;
  failures: number;
  last_error: string | null;
}

export const STATE_COLUMNS =
  's.id, s.resource_version, s.client_id, s.organization_id, s.topic, s.filters, s.endpoint, s.headers, s.content, s.heartbeat_seconds, s.timeout_seconds, s.max_count, s.status, c.last_event AS events_since_start, s.delivered_through, s.failures, s.last_error';
/** The same columns from an UPDATE of `subscription_state` (RETURNING cannot join). */
export const STATE_COLUMNS_RETURNING =
  'id, resource_version, client_id, organization_id, topic, filters, endpoint, headers, content, heartbeat_seconds, timeout_seconds, max_count, status, (SELECT last_event FROM subscription_event_counters WHERE subscription_id = subscription_state.id) AS events_since_start, delivered_through, failures, last_error';
/** A subscription's state with its event counter. */
export const STATE_FROM = 'subscription_state s JOIN subscription_event_counters c ON c.subscription_id = s.id';

/** jsonb comes back parsed from pg, and as text where a query casts it; both are accepted. */
export function normalizeState(row: StateRow): StateRow {
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return { ...row, filters: parse(row.filters), headers: parse(row.headers) };
}

/**
 * A client created or changed its Subscription: the settings follow the resource. Moving to `requested` starts a
 * new handshake (failures and back-off reset); the event counter is kept, so event numbers never repeat.
 */
export async function saveClientState(
  sql: SqlExecutor,
  id: string,
  versionId: number,
  owner: { clientId: string; organizationId?: string },
  settings: SubscriptionSettings,
  status: SubscriptionStatusCode,
): Promise<void> {
  await sql.query(
    `INSERT INTO subscription_state (id, resource_version, client_id, organization_id, topic, filters, endpoint, headers, content,
       heartbeat_seconds, timeout_seconds, max_count, status)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET resource_version = EXCLUDED.resource_version, client_id = EXCLUDED.client_id,
       organization_id = EXCLUDED.organization_id, topic = EXCLUDED.topic, filters = EXCLUDED.filters,
       endpoint = EXCLUDED.endpoint, headers = EXCLUDED.headers, content = EXCLUDED.content,
       heartbeat_seconds = EXCLUDED.heartbeat_seconds, timeout_seconds = EXCLUDED.timeout_seconds,
       max_count = EXCLUDED.max_count, status = EXCLUDED.status,
       failures = CASE WHEN EXCLUDED.status = 'requested' THEN 0 ELSE subscription_state.failures END,
       next_attempt_at = CASE WHEN EXCLUDED.status = 'requested' THEN now() ELSE subscription_state.next_attempt_at END,
       lease_until = CASE WHEN EXCLUDED.status = 'requested' THEN NULL ELSE subscription_state.lease_until END`,
    [
      id, versionId, owner.clientId, owner.organizationId ?? null, settings.topic.url, JSON.stringify(settings.filters), settings.endpoint,
      JSON.stringify(settings.headers), settings.content, settings.heartbeatSeconds ?? null, settings.timeoutSeconds, settings.maxCount, status,
    ],
  );
  await sql.query('INSERT INTO subscription_event_counters (subscription_id) VALUES ($1) ON CONFLICT DO NOTHING', [id]);
}

/** The worker wrote a new status on the resource: only the status and version follow. */
export async function saveWorkerStatus(sql: SqlExecutor, id: string, versionId: number, status: SubscriptionStatusCode): Promise<void> {
  await sql.query('UPDATE subscription_state SET resource_version = $2, status = $3 WHERE id = $1', [id, versionId, status]);
}

export async function deleteState(sql: SqlExecutor, id: string): Promise<void> {
  await sql.query('DELETE FROM subscription_state WHERE id = $1', [id]);
}

export async function readState(sql: SqlExecutor, ids: readonly string[]): Promise<StateRow[]> {
  const { rows } = await sql.query<StateRow>(`SELECT ${STATE_COLUMNS} FROM ${STATE_FROM} WHERE s.id = ANY($1::text[])`, [ids]);
  return rows.map(normalizeState);
}
