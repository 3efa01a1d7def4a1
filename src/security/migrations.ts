import type { Migration } from '../store/index.ts';
import { AUDIT_LOG_SCHEMA } from './audit/log/audit-log-schema.ts';

/** The security layer's tables, in its migration range (100–199). */
export const SECURITY_MIGRATIONS: readonly Migration[] = [
  {
    version: 101,
    sql: `
CREATE TABLE security_clients (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  organization_id text,
  scopes text NOT NULL,
  jwks jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A client assertion's jti is kept until the assertion expires, so a replay is refused on every instance.
CREATE TABLE security_assertion_ids (
  client_id text NOT NULL,
  jti text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (client_id, jti)
);
CREATE INDEX security_assertion_ids_expiry ON security_assertion_ids (expires_at);
-- The key the server signs access tokens with, shared by every instance on this database.
CREATE TABLE security_signing_keys (
  kid text PRIMARY KEY,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`,
  },
  {
    // NEN 7513: the audit trail is append-only below the API too. Statements are split on ";" + newline, so the
    // function body keeps its semicolons on one line.
    version: 102,
    sql: `
CREATE FUNCTION brug_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only: % of AuditEvent/% refused', TG_OP, OLD.id USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER resources_audit_append_only BEFORE UPDATE OR DELETE ON resources
  FOR EACH ROW WHEN (OLD.resource_type = 'AuditEvent') EXECUTE FUNCTION brug_audit_append_only();
CREATE TRIGGER resource_history_audit_append_only BEFORE UPDATE OR DELETE ON resource_history
  FOR EACH ROW WHEN (OLD.resource_type = 'AuditEvent') EXECUTE FUNCTION brug_audit_append_only()`,
  },
  {
    // The audit trail as an append-only log of compact, monthly partitioned rows with a hash chain (issue 18).
    version: 103,
    sql: AUDIT_LOG_SCHEMA,
  },
];
