/**
 * The store's contract for secondary use: read-only views over the search index and the version history, for a
 * layer that computes figures in SQL (monitoring) instead of through searches. A layer reads these, never the
 * tables under them, so the tables can change as long as the views keep their columns and meaning:
 *
 *   indexed_token      (resource_type, id, param, system, code)        a token search parameter's value of the current version
 *   indexed_reference  (resource_type, id, param, target_type, target_id)  a literal reference's target, relative
 *   indexed_date       (resource_type, id, param, low, high)            a date parameter's period, both ends inclusive
 *   indexed_uri        (resource_type, id, param, value)                a uri parameter's value
 *   stored_versions    (resource_type, id, version_id, content)         every stored version; content null for a deletion
 *
 * Plain projections: PostgreSQL inlines them, so a query over a view plans as one over the table. The extended
 * statistics let it see how strongly a parameter and its values go together (a gemeente's referrals are tens of
 * thousands of rows, not a handful), which the figures' joins need to be planned well (bench/README.md, Monitoring).
 */
export const migration003 = `
CREATE VIEW indexed_token AS SELECT resource_type, id, param, system, code FROM sp_token;
CREATE VIEW indexed_reference AS SELECT resource_type, id, param, target_type, target_id FROM sp_reference;
CREATE VIEW indexed_date AS SELECT resource_type, id, param, low, high FROM sp_date;
CREATE VIEW indexed_uri AS SELECT resource_type, id, param, value FROM sp_uri;
CREATE VIEW stored_versions AS SELECT resource_type, id, version_id, content FROM resource_history;
CREATE STATISTICS IF NOT EXISTS sp_token_type_param_system_code (mcv) ON resource_type, param, system, code FROM sp_token;
CREATE STATISTICS IF NOT EXISTS sp_reference_type_param_target (mcv) ON resource_type, param, target_type FROM sp_reference;
CREATE STATISTICS IF NOT EXISTS sp_date_type_param (mcv) ON resource_type, param FROM sp_date
`;
