import type { Migration } from '../store/index.ts';

/**
 * The subscription layer's tables (numbers 200-299). `subscription_changes` is the outbox: one row per
 * topic-relevant write, in that write's transaction. The worker turns a change into numbered events per matching
 * subscription (`subscription_events`) and delivers them; `subscription_state` holds each subscription's settings as
 * parsed from its resource, its event counter and its delivery progress.
 */
export const SUBSCRIPTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 201,
    sql: `
      CREATE TABLE subscription_changes (
        seq bigserial PRIMARY KEY,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        version_id integer NOT NULL,
        method text NOT NULL,
        facts jsonb NOT NULL,
        occurred_at timestamptz NOT NULL
      );
      CREATE TABLE subscription_state (
        id text PRIMARY KEY,
        resource_version integer NOT NULL,
        client_id text NOT NULL,
        organization_id text,
        topic text NOT NULL,
        filters jsonb NOT NULL,
        endpoint text NOT NULL,
        headers jsonb NOT NULL,
        content text NOT NULL,
        heartbeat_seconds integer,
        timeout_seconds integer NOT NULL,
        max_count integer NOT NULL,
        status text NOT NULL,
        delivered_through bigint NOT NULL DEFAULT 0,
        failures integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Apart from the state row, so the worker numbering events never holds the row a delivery claims.
      CREATE TABLE subscription_event_counters (
        subscription_id text PRIMARY KEY REFERENCES subscription_state (id) ON DELETE CASCADE,
        last_event bigint NOT NULL DEFAULT 0
      );
      CREATE INDEX subscription_state_due ON subscription_state (next_attempt_at) WHERE status <> 'off';
      CREATE TABLE subscription_events (
        subscription_id text NOT NULL REFERENCES subscription_state (id) ON DELETE CASCADE,
        event_number bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        focus_type text NOT NULL,
        focus_id text NOT NULL,
        focus_version integer NOT NULL,
        method text NOT NULL,
        context jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (subscription_id, event_number)
      );
    `,
  },
];
