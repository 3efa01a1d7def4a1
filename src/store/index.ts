/** The store's public surface: the repository contract, its types, and how to open one. */
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { EmbeddedCluster, type ClusterLog } from './embedded/embedded-cluster.ts';
import { PgDatabase } from './pg-database.ts';
import { PgRepository } from './pg-repository.ts';

export type { Database, DatabaseKind, PoolUse, SqlExecutor, QueryResult } from './database.ts';
export { DeadlineScope, startDeadline, type Deadline } from './request-deadline.ts';
export type { ClusterLog } from './embedded/embedded-cluster.ts';
export type { Repository, TransactionRepository, ResourceVersion, NewVersion, HistoryQuery, ReferenceLink } from './repository.ts';
export type { IndexRows, TokenRow, StringRow, ReferenceRow, DateRow, NumberRow, QuantityRow, UriRow, PositionRow } from './index-rows.ts';
export { emptyIndexRows, normalizeString } from './index-rows.ts';
export type { Filter, Comparator, SearchQuery, SearchPage, SortKey, StoredMatch, IndexTable } from './search/query.ts';
export { StoreErrors } from './errors.ts';
export type { ExternalTypeStore, ExternalTypeRegistry } from './external-type.ts';
// For a store of a type kept in its own tables: chains from it into the resources use the generic conditions.
export { buildFilter } from './search/build-filter.ts';
export { SqlParams, escapeLike } from './search/sql-params.ts';
export { toInstant } from './pg-repository.ts';
export { PgRepository } from './pg-repository.ts';
export { migrate, type Migration } from './migrate.ts';

export interface Store {
  readonly db: Database;
  readonly repository: PgRepository;
}

export type StoreConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize' | 'databaseQueueLimit' | 'statementTimeoutMs'>;

/**
 * Opens PostgreSQL: the server at DATABASE_URL, or else the embedded cluster in DATA_DIR (started here, stopped when
 * the database is closed), and brings its schema up to date.
 */
export async function openStore(config: StoreConfig, log?: ClusterLog): Promise<Store> {
  const pool = { poolSize: config.databasePoolSize, queueLimit: config.databaseQueueLimit, statementTimeoutMs: config.statementTimeoutMs };
  let db: Database;
  if (config.databaseUrl) {
    db = new PgDatabase({ connection: config.databaseUrl, ...pool });
  } else {
    const cluster = await EmbeddedCluster.start({ dataDir: config.dataDir, log, maxConnections: config.databasePoolSize + 40 });
    db = new PgDatabase({ connection: cluster.connection(), ...pool, kind: 'embedded', onClose: () => cluster.stop() });
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return { db, repository: new PgRepository(db) };
}
