import type { SqlExecutor } from '../store/index.ts';
import type { PopulationRow } from './population-csv.ts';

export interface Population {
  readonly inhabitants: number;
  readonly inhabitants15plus: number;
  readonly gpPractices: number;
  readonly bridgingFte: number;
}

/** Stores the rows, replacing what was loaded before for the same gemeente and year. */
export async function savePopulation(sql: SqlExecutor, rows: readonly PopulationRow[], loadedBy: string): Promise<void> {
  for (const r of rows) {
    await sql.query(
      `INSERT INTO monitoring_population (gemeente, year, inhabitants, inhabitants_15plus, gp_practices, bridging_fte, loaded_at, loaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
       ON CONFLICT (gemeente, year) DO UPDATE SET inhabitants = EXCLUDED.inhabitants, inhabitants_15plus = EXCLUDED.inhabitants_15plus,
         gp_practices = EXCLUDED.gp_practices, bridging_fte = EXCLUDED.bridging_fte, loaded_at = EXCLUDED.loaded_at, loaded_by = EXCLUDED.loaded_by`,
      [r.gemeente, r.year, r.inhabitants, r.inhabitants15plus, r.gpPractices, r.bridgingFte, loadedBy],
    );
  }
}

export async function hasPopulation(sql: SqlExecutor, gemeente: string): Promise<boolean> {
  const found = await sql.query('SELECT 1 FROM monitoring_population WHERE gemeente = $1 LIMIT 1', [gemeente]);
  return found.rows.length > 0;
}
