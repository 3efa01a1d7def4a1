import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import type { Database, QueryResult, SqlExecutor } from './database.ts';
import { translateDriverError } from './errors.ts';

const identity = (v: string): string => v;
// Same text forms as the pg driver is configured to return (see pg-database.ts).
const parsers = {
  [pgliteTypes.TIMESTAMPTZ]: identity,
  [pgliteTypes.TIMESTAMP]: identity,
  [pgliteTypes.NUMERIC]: identity,
  [pgliteTypes.INT8]: identity,
};

/** Embedded PostgreSQL (WASM): one connection, so every query and transaction is serialised. */
export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  private readonly db: PGlite;

  private constructor(db: PGlite) {
    this.db = db;
  }

  static async open(dataDir: string): Promise<PgliteDatabase> {
    const db = dataDir === 'memory://' ? new PGlite({ parsers }) : new PGlite(dataDir, { parsers });
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    try {
      const result = await this.db.query<R>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    } catch (err) {
      throw translateDriverError(err);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(async (t) =>
        fn({
          async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
            const result = await t.query<R>(text, params as unknown[]);
            return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
          },
        }),
      );
    } catch (err) {
      throw translateDriverError(err);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.db.closed) return;
    await this.db.close();
  }
}
