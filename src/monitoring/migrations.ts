import type { Migration } from '../store/index.ts';

/**
 * The monitoring layer's tables, in its migration range (300–399). The population figures come from the CSV a
 * municipality loads (CBS StatLine); the key figures themselves are computed from the referral resources on request.
 */
export const MONITORING_MIGRATIONS: readonly Migration[] = [
  {
    version: 301,
    sql: `
CREATE TABLE monitoring_population (
  gemeente text NOT NULL,
  year integer NOT NULL,
  inhabitants integer NOT NULL,
  inhabitants_15plus integer NOT NULL,
  gp_practices integer NOT NULL,
  bridging_fte numeric(9, 2) NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  loaded_by text NOT NULL,
  PRIMARY KEY (gemeente, year)
)`,
  },
  {
    // The key figures join the search-index tables on (resource_type, param, code) combinations whose values are
    // strongly correlated; without these the planner expects a handful of rows where a gemeente has tens of
    // thousands, and picks nested loops (bench/README.md, Monitoring: about 3x slower on a year).
    version: 302,
    sql: `
CREATE STATISTICS IF NOT EXISTS sp_token_type_param_system_code (mcv) ON resource_type, param, system, code FROM sp_token;
CREATE STATISTICS IF NOT EXISTS sp_reference_type_param_target (mcv) ON resource_type, param, target_type FROM sp_reference;
CREATE STATISTICS IF NOT EXISTS sp_date_type_param (mcv) ON resource_type, param FROM sp_date`,
  },
];
