import pg from 'pg';
import type { Database, DatabaseKind, PoolUse, QueryOptions, QueryResult, SqlExecutor } from './database.ts';
import { BrugError } from '../errors.ts';
import { isRetryable, StoreErrors, translateDriverError } from './errors.ts';
import { DeadlineScope, type Deadline } from './request-deadline.ts';

const MAX_ATTEMPTS = 4;
const QUERY_CANCELED = '57014';

// Timestamps and numerics keep their text form; the store converts them itself.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 1184 || oid === 1114 || oid === 1700 || oid === 20) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface PgDatabaseOptions {
  /** A postgres:// URL, or a connection config (the embedded cluster's socket). */
  readonly connection: string | pg.ClientConfig;
  readonly poolSize: number;
  /** How many callers may wait for a connection; the next one is told the store is busy at once. */
  readonly queueLimit: number;
  /** Statement timeout of every session: the budget of work outside requests (workers), and a backstop for all. */
  readonly statementTimeoutMs: number;
  readonly kind?: DatabaseKind;
  /** Runs after the pool has ended (stops an embedded cluster). */
  readonly onClose?: () => Promise<void>;
}

/** `done(true)`: the connection is lost and is closed, not handed on. */
type Guarded = { client: pg.PoolClient; cancelled: () => boolean; done(lost?: boolean): void };

export class PgDatabase implements Database {
  readonly kind: DatabaseKind;
  readonly deadlines = new DeadlineScope();
  private readonly pool: pg.Pool;
  private readonly options: PgDatabaseOptions;
  /** Where a new connection goes: the pool's, and a cancel's own. */
  private readonly connection: pg.ClientConfig;

  constructor(options: PgDatabaseOptions) {
    this.options = options;
    this.kind = options.kind ?? 'postgres';
    this.connection = typeof options.connection === 'string' ? { connectionString: options.connection } : options.connection;
    // JIT compilation pays off for long analytic scans, not for these short queries: an access filter's many
    // subplans push the planner's cost estimate past jit_above_cost, and compiling them took 0.7 s for a query
    // that runs in under 1 ms. The statement timeout bounds whatever runs without a request's own deadline, and the
    // connection check ends a statement whose client is gone (a killed service) within a second (PostgreSQL 14+).
    const settings = [
      '-c jit=off',
      `-c statement_timeout=${options.statementTimeoutMs}`,
      `-c idle_in_transaction_session_timeout=${Math.max(options.statementTimeoutMs, 60_000)}`,
      '-c client_connection_check_interval=1000',
    ].join(' ');
    this.pool = new pg.Pool({ ...this.connection, max: options.poolSize, types, options: settings });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    // Nor one that loses it while checked out between two statements (the database restarting): its next
    // statement fails, and that error is the caller's.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  poolUse(): PoolUse {
    return { open: this.pool.totalCount, max: this.options.poolSize, idle: this.pool.idleCount, waiting: this.pool.waitingCount, queueLimit: this.options.queueLimit };
  }

  async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    const deadline = this.deadlines.current();
    // A pooled connection whose server went away (the embedded cluster restarted) fails its next statement before
    // running it: the statement is tried again, and each lost connection is closed, so at worst every pooled one
    // is found dead once and the next try opens a fresh one.
    for (let attempt = 1; ; attempt++) {
      if (!deadline) {
        try {
          const result = await this.pool.query({ text, values: params as unknown[], name: options.name });
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        } catch (err) {
          if (attempt <= this.options.poolSize && isConnectionLoss(err)) continue;
          throw translateDriverError(err);
        }
      }
      const guarded = await this.acquire(deadline);
      let lost = false;
      try {
        const result = await guarded.client.query({ text, values: params as unknown[], name: options.name });
        return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
      } catch (err) {
        lost = isConnectionLoss(err);
        if (attempt <= this.options.poolSize && lost && !guarded.cancelled()) continue;
        throw this.translate(err, deadline, guarded.cancelled());
      } finally {
        guarded.done(lost);
      }
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const deadline = this.deadlines.current();
    for (let attempt = 1; ; attempt++) {
      const guarded = await this.acquire(deadline);
      const { client } = guarded;
      const tx: SqlExecutor = {
        async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
          const result = await client.query({ text, values: params as unknown[], name: options.name });
          return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
        },
      };
      let begun = false;
      let lost = false;
      try {
        // The database itself stops any statement that would outlive the request (SET LOCAL ends with the transaction).
        await client.query(deadline ? `BEGIN; SET LOCAL statement_timeout = ${remainingMs(deadline)}` : 'BEGIN');
        begun = true;
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (err) {
        lost = isConnectionLoss(err);
        if (!lost) await client.query('ROLLBACK').catch(() => undefined);
        const retry = ((isRetryable(err) && attempt < MAX_ATTEMPTS) || (lost && !begun && attempt <= this.options.poolSize)) && !guarded.cancelled();
        if (retry) continue;
        throw this.translate(err, deadline, guarded.cancelled());
      } finally {
        guarded.done(lost);
      }
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
    await this.options.onClose?.();
  }

  /**
   * A connection for one caller, within its deadline: refused at once when too many already wait, and given up
   * when the deadline passes first. While it is held, an abort cancels whatever it runs on the server.
   */
  private async acquire(deadline: Deadline | undefined): Promise<Guarded> {
    if (deadline) assertTimeLeft(deadline);
    const mustWait = this.pool.idleCount === 0 && this.pool.totalCount >= this.options.poolSize;
    if (mustWait && this.pool.waitingCount >= this.options.queueLimit) throw StoreErrors.queueFull([this.options.queueLimit]);
    const connecting = this.pool.connect();
    let client: pg.PoolClient;
    try {
      client = deadline ? await raceDeadline(connecting, deadline) : await connecting;
    } catch (err) {
      if (err instanceof DeadlineReached) {
        connecting.then((late) => late.release(), () => undefined);
        throw StoreErrors.deadline([deadline!.budgetMs]);
      }
      throw translateDriverError(err);
    }
    if (!deadline) return { client, cancelled: () => false, done: (lost) => client.release(lost ? true : undefined) };
    if (deadline.aborted) {
      client.release();
      throw StoreErrors.deadline([deadline.budgetMs]);
    }
    let cancelled = false;
    let cancelling: Promise<void> = Promise.resolve();
    const onAbort = () => {
      cancelled = true;
      cancelling = this.cancelBackend((client as unknown as { processID?: number }).processID);
    };
    const stopListening = deadline.onAbort(onAbort);
    return {
      client,
      cancelled: () => cancelled,
      done: (lost) => {
        stopListening();
        // A connection that was sent a cancel is not handed on: the cancel could land on the next caller's query.
        // It is closed once the cancel has arrived, so the cancel never looks for a backend that is already gone.
        if (cancelled) void cancelling.finally(() => client.release(true));
        else client.release(lost ? true : undefined);
      },
    };
  }

  private translate(err: unknown, deadline: Deadline | undefined, cancelled: boolean): Error {
    const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
    if (deadline && (cancelled || code === QUERY_CANCELED)) return StoreErrors.deadline([deadline.budgetMs], { cause: err });
    // What the transaction's own code threw (not the driver) is not a database failure: it keeps its own name.
    if (code === undefined && err instanceof Error && !(err instanceof BrugError)) return err;
    return translateDriverError(err);
  }

  /** Asks the server to stop the statement a backend runs, over a connection of its own (the pool may be full). */
  private async cancelBackend(pid: number | undefined): Promise<void> {
    if (!pid) return;
    const client = new pg.Client({ ...this.connection, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch {
      // The statement ends anyway at its statement timeout.
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

class DeadlineReached extends Error {}


function remainingMs(deadline: Deadline): number {
  return Math.max(1, Math.floor(deadline.at - Date.now()));
}

function assertTimeLeft(deadline: Deadline): void {
  if (deadline.aborted || Date.now() >= deadline.at) throw StoreErrors.deadline([deadline.budgetMs]);
}

function raceDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stopListening = deadline.onAbort(() => reject(new DeadlineReached()));
    work.then(
      (value) => {
        stopListening();
        resolve(value);
      },
      (err: unknown) => {
        stopListening();
        reject(err);
      },
    );
  });
}

/** The connection, not the statement, failed: the server went away or is restarting. */
function isConnectionLoss(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? String((err as { code?: unknown }).code ?? '') : '';
  if (/^57P0[123]$/.test(code) || code.startsWith('08') || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ENOENT') return true;
  return err instanceof Error && /Connection terminated|connection error|not queryable/i.test(err.message);
}
