import type { Database } from './database.ts';
import { migration001 } from './migrations/001-resources.ts';
import { migration002 } from './migrations/002-positions.ts';
import { migration003 } from './migrations/003-secondary-use.ts';

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

/**
 * Ordered schema changes; a new one is appended with the next number and never edited once released.
 * The store owns 1–99; a layer that keeps its own tables migrates them with its own list in its range
 * (security 100–199, subscriptions 200–299, monitoring 300–399), recorded in the same table.
 */
export const STORE_MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: migration001 },
  { version: 2, sql: migration002 },
  { version: 3, sql: migration003 },
];

// Several instances may start at once against one PostgreSQL: the lock lets one of them migrate.
const MIGRATION_LOCK = 724_310_001;

export async function migrate(db: Database, migrations: readonly Migration[] = STORE_MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Migrations have their own budget: none. A schema change on a big table may take long, and must not half-run.
    await tx.query('SET LOCAL statement_timeout = 0');
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => Number(r.version)));
    const ran: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      for (const statement of m.sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      ran.push(m.version);
    }
    return ran;
  });
}
