import pg from 'pg';
import type { Database, QueryOptions, QueryResult, SqlExecutor } from './database.ts';
import { isRetryable, translateDriverError } from './errors.ts';

const MAX_ATTEMPTS = 4;

// Timestamps and numerics keep their text form; the store converts them itself, so both engines behave alike.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 1184 || oid === 1114 || oid === 1700 || oid === 20) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export class PgDatabase implements Database {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, poolSize: number) {
    // JIT compilation pays off for long analytic scans, not for these short queries: an access filter's many
    // subplans push the planner's cost estimate past jit_above_cost, and compiling them took 0.7 s for a query
    // that runs in under 1 ms.
    this.pool = new pg.Pool({ connectionString, max: poolSize, types, options: '-c jit=off' });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    try {
      const result = await this.pool.query({ text, values: params as unknown[], name: options.name });
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    } catch (err) {
      throw translateDriverError(err);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        throw translateDriverError(err);
      }
      const tx: SqlExecutor = {
        async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
          const result = await client.query({ text, values: params as unknown[], name: options.name });
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
      };
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        await client.query('COMMIT');
        client.release();
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        if (isRetryable(err) && attempt < MAX_ATTEMPTS) continue;
        throw translateDriverError(err);
      }
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.pool.ended) return;
    await this.pool.end();
  }
}
