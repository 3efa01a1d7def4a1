/**
 * Resources, their full version history, and one index table per search-parameter type.
 * Index rows are derived at write time from the SearchParameter expressions; searches never scan JSON.
 * Resource bodies are kept as the exact JSON text that is served, so reads need no re-serialisation.
 */
export const migration001 = `
CREATE TABLE resources (
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  content text,
  PRIMARY KEY (resource_type, id)
);
CREATE INDEX resources_type_updated ON resources (resource_type, last_updated, id);

CREATE TABLE resource_history (
  seq bigserial,
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  method text NOT NULL,
  content text,
  PRIMARY KEY (resource_type, id, version_id)
);
CREATE INDEX resource_history_updated ON resource_history (last_updated, seq);
CREATE INDEX resource_history_type_updated ON resource_history (resource_type, last_updated, seq);

CREATE TABLE sp_token (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  system text, code text, text_norm text
);
CREATE INDEX sp_token_value ON sp_token (resource_type, param, code, id) INCLUDE (system);
CREATE INDEX sp_token_owner ON sp_token (resource_type, id);

CREATE TABLE sp_string (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  value_norm text NOT NULL, value text NOT NULL
);
CREATE INDEX sp_string_value ON sp_string (resource_type, param, value_norm text_pattern_ops, id);
CREATE INDEX sp_string_owner ON sp_string (resource_type, id);

CREATE TABLE sp_reference (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  target_type text, target_id text, target_version text, url text,
  identifier_system text, identifier_value text
);
CREATE INDEX sp_reference_target ON sp_reference (resource_type, param, target_id, target_type, id);
CREATE INDEX sp_reference_reverse ON sp_reference (target_type, target_id, resource_type, param);
CREATE INDEX sp_reference_owner ON sp_reference (resource_type, id);

CREATE TABLE sp_date (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  low timestamptz, high timestamptz
);
CREATE INDEX sp_date_value ON sp_date (resource_type, param, low, high);
CREATE INDEX sp_date_owner ON sp_date (resource_type, id);

CREATE TABLE sp_number (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  value numeric, low numeric, high numeric
);
CREATE INDEX sp_number_value ON sp_number (resource_type, param, value);
CREATE INDEX sp_number_owner ON sp_number (resource_type, id);

CREATE TABLE sp_quantity (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  value numeric, low numeric, high numeric, system text, code text, unit text
);
CREATE INDEX sp_quantity_value ON sp_quantity (resource_type, param, value);
CREATE INDEX sp_quantity_owner ON sp_quantity (resource_type, id);

CREATE TABLE sp_uri (
  resource_type text NOT NULL, id text NOT NULL, param text NOT NULL,
  value text NOT NULL
);
CREATE INDEX sp_uri_value ON sp_uri (resource_type, param, value, id);
CREATE INDEX sp_uri_owner ON sp_uri (resource_type, id);
`;
