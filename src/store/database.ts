/** The SQL the store speaks, whichever engine runs it: PostgreSQL through `pg`, or PGlite in process. */
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

export interface Database extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one database transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
