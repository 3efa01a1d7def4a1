import type { DeadlineScope } from './request-deadline.ts';

/** The SQL the store speaks: PostgreSQL through `pg`, an external server or the embedded cluster Brug runs itself. */
export interface QueryResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface QueryOptions {
  /**
   * Name for a prepared statement: the server parses and plans the text once per connection. Only for fixed
   * texts (the hot paths); the name must always come with the same text.
   */
  readonly name?: string;
}

export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

export type DatabaseKind = 'postgres' | 'embedded';

export interface PoolUse {
  /** Connections open (idle and in use) and the most the pool opens. */
  readonly open: number;
  readonly max: number;
  readonly idle: number;
  /** Callers waiting for a connection, and how many may wait before the next is refused (DATABASE_QUEUE_LIMIT). */
  readonly waiting: number;
  readonly queueLimit: number;
}

export interface Database extends SqlExecutor {
  /** `embedded`: the cluster Brug started itself in DATA_DIR; `postgres`: a server at DATABASE_URL. */
  readonly kind: DatabaseKind;
  /** The request deadline every query and transaction runs under (set per request by the app). */
  readonly deadlines: DeadlineScope;
  /** Runs `fn` in one database transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  /** How the connection pool is used right now (for metrics). */
  poolUse(): PoolUse;
  close(): Promise<void>;
}
