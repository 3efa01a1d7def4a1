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
];
