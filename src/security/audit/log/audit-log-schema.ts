/**
 * The audit log's tables (security migration 103). Statements are split on ";" + newline, so function bodies keep
 * their semicolons inside a line.
 *
 * - `audit_log`: one compact row per event, partitioned by month of `recorded`, so retention drops whole partitions.
 *   A default partition catches a row outside every monthly one (a clock far off) instead of refusing the event.
 *   `xid` and `seq` order the rows for the hash chain: a row is sealed only once its transaction has ended.
 * - `audit_seal`: the hash chain, one row per sealed block of log rows (see seal-log.ts).
 * - Both refuse UPDATE and DELETE (an expired seal may go with its partition, under `brug.audit_retention`).
 * - The AuditEvents stored as resources until now move into the log, their JSON kept as it was (`legacy`), and
 *   leave `resources`, `resource_history` and the index tables.
 */
const CLIENT_ID_SYSTEM = 'https://brug.example.org/fhir/NamingSystem/client-id';

export const AUDIT_LOG_SCHEMA = `
CREATE SEQUENCE audit_log_seq;
CREATE TABLE audit_log (
  seq bigint NOT NULL DEFAULT nextval('audit_log_seq'),
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  id text NOT NULL,
  recorded timestamptz NOT NULL,
  started timestamptz,
  type_code text NOT NULL,
  subtype_code text,
  action text NOT NULL,
  outcome text NOT NULL,
  outcome_desc text,
  client_id text,
  organization_id text,
  organization_role text,
  professional_system text,
  professional_value text,
  token_id text,
  address text,
  entity_type text,
  entity_id text,
  entity_version text,
  patients text[] NOT NULL DEFAULT '{}',
  query text,
  scope text,
  source text NOT NULL,
  legacy text
) PARTITION BY RANGE (recorded);
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
CREATE INDEX audit_log_id ON audit_log (id);
CREATE INDEX audit_log_patients ON audit_log USING gin (patients);
CREATE INDEX audit_log_entity ON audit_log (entity_id);
CREATE INDEX audit_log_organization ON audit_log (organization_id);
CREATE INDEX audit_log_chain ON audit_log (xid, seq);
CREATE INDEX audit_log_recorded ON audit_log USING brin (recorded);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION brug_audit_append_only();

CREATE TABLE audit_seal (
  block bigint PRIMARY KEY,
  first_xid xid8 NOT NULL,
  first_seq bigint NOT NULL,
  last_xid xid8 NOT NULL,
  last_seq bigint NOT NULL,
  seqs bigint[] NOT NULL,
  row_hashes bytea NOT NULL,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  first_recorded timestamptz NOT NULL,
  last_recorded timestamptz NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION brug_audit_seal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'DELETE' AND current_setting('brug.audit_retention', true) = 'on' THEN RETURN OLD; END IF; RAISE EXCEPTION 'the audit trail is append-only: % of seal % refused', TG_OP, OLD.block USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal FOR EACH ROW EXECUTE FUNCTION brug_audit_seal_append_only();

CREATE FUNCTION brug_audit_partition(month date) RETURNS void LANGUAGE plpgsql AS $$ DECLARE first date := date_trunc('month', month)::date; name text := 'audit_log_' || to_char(first, 'YYYY_MM'); BEGIN IF to_regclass(name) IS NULL THEN EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', name, first::text || ' 00:00:00+00', (first + interval '1 month')::date::text || ' 00:00:00+00'); END IF; END $$;

CREATE FUNCTION brug_audit_insert_json(content text, last_updated timestamptz) RETURNS void LANGUAGE sql AS $$
INSERT INTO audit_log (id, recorded, started, type_code, subtype_code, action, outcome, outcome_desc, client_id, organization_id,
  organization_role, professional_system, professional_value, token_id, address, entity_type, entity_id, entity_version, patients, query, scope, source, legacy)
SELECT d->>'id', COALESCE((d->>'recorded')::timestamptz, last_updated), (d#>>'{period,start}')::timestamptz,
  COALESCE(d#>>'{type,code}', ''), d#>>'{subtype,0,code}', COALESCE(d->>'action', ''), COALESCE(d->>'outcome', ''), d->>'outcomeDesc',
  (SELECT a#>>'{who,identifier,value}' FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a#>>'{who,identifier,system}' = '${CLIENT_ID_SYSTEM}' LIMIT 1),
  (SELECT substring(a#>>'{who,reference}' FROM '^Organization/([^/]+)$') FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a#>>'{who,reference}' LIKE 'Organization/%' LIMIT 1),
  (SELECT a#>>'{role,0,text}' FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a#>>'{who,reference}' LIKE 'Organization/%' LIMIT 1),
  (SELECT a#>>'{who,identifier,system}' FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a#>>'{who,identifier,system}' <> '${CLIENT_ID_SYSTEM}' LIMIT 1),
  (SELECT a#>>'{who,identifier,value}' FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a#>>'{who,identifier,system}' <> '${CLIENT_ID_SYSTEM}' LIMIT 1),
  (SELECT substring(a#>>'{policy,0}' FROM '^urn:uuid:(.+)$') FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a ? 'policy' LIMIT 1),
  (SELECT a#>>'{network,address}' FROM jsonb_array_elements(COALESCE(d->'agent', '[]')) a WHERE a ? 'network' LIMIT 1),
  m[1], m[2], m[3],
  COALESCE((SELECT array_agg(DISTINCT p[1]) FROM jsonb_array_elements(COALESCE(d->'entity', '[]') || COALESCE(d->'agent', '[]')) e,
    regexp_match(COALESCE(e#>>'{what,reference}', e#>>'{who,reference}', ''), '^Patient/([^/]+)') p WHERE p IS NOT NULL), '{}'),
  (SELECT convert_from(decode(e->>'query', 'base64'), 'UTF8') FROM jsonb_array_elements(COALESCE(d->'entity', '[]')) e WHERE e ? 'query' LIMIT 1),
  (SELECT e#>>'{detail,0,valueString}' FROM jsonb_array_elements(COALESCE(d->'entity', '[]')) e WHERE e->>'name' = 'access token' LIMIT 1),
  COALESCE(d#>>'{source,observer,identifier,value}', ''), content
FROM (SELECT content::jsonb AS d) x
LEFT JOIN LATERAL (SELECT regexp_match(e#>>'{what,reference}', '^([A-Za-z]+)/([^/]+)(?:/_history/([^/]+))?$') AS m
  FROM jsonb_array_elements(COALESCE(x.d->'entity', '[]')) e WHERE e#>>'{role,code}' = '4' LIMIT 1) r ON true
$$;

SELECT brug_audit_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => g))::date) FROM generate_series(0, 2) g;
SELECT brug_audit_partition(m) FROM (SELECT DISTINCT date_trunc('month', COALESCE((content::jsonb->>'recorded')::timestamptz, last_updated) AT TIME ZONE 'UTC')::date AS m
  FROM resources WHERE resource_type = 'AuditEvent' AND content IS NOT NULL) months;
SELECT brug_audit_insert_json(content, last_updated) FROM resources WHERE resource_type = 'AuditEvent' AND content IS NOT NULL ORDER BY last_updated, id;
DROP TRIGGER resources_audit_append_only ON resources;
DROP TRIGGER resource_history_audit_append_only ON resource_history;
DELETE FROM sp_token WHERE resource_type = 'AuditEvent';
DELETE FROM sp_string WHERE resource_type = 'AuditEvent';
DELETE FROM sp_reference WHERE resource_type = 'AuditEvent';
DELETE FROM sp_date WHERE resource_type = 'AuditEvent';
DELETE FROM sp_number WHERE resource_type = 'AuditEvent';
DELETE FROM sp_quantity WHERE resource_type = 'AuditEvent';
DELETE FROM sp_uri WHERE resource_type = 'AuditEvent';
DELETE FROM sp_position WHERE resource_type = 'AuditEvent';
DELETE FROM resource_history WHERE resource_type = 'AuditEvent';
DELETE FROM resources WHERE resource_type = 'AuditEvent'
`;
