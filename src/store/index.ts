/** The store's public surface: the repository contract, its types, and how to open one. */
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';
import { PgDatabase } from './pg-database.ts';
import { PgliteDatabase } from './pglite-database.ts';
import { PgRepository } from './pg-repository.ts';

export type { Database, SqlExecutor, QueryResult } from './database.ts';
export type { Repository, TransactionRepository, ResourceVersion, NewVersion, HistoryQuery, ReferenceLink } from './repository.ts';
export type { IndexRows, TokenRow, StringRow, ReferenceRow, DateRow, NumberRow, QuantityRow, UriRow, PositionRow } from './index-rows.ts';
export { emptyIndexRows, normalizeString } from './index-rows.ts';
export type { Filter, Comparator, SearchQuery, SearchPage, SortKey, StoredMatch, IndexTable } from './search/query.ts';
export { StoreErrors } from './errors.ts';
export { PgRepository } from './pg-repository.ts';
export { migrate, type Migration } from './migrate.ts';

export interface Store {
  readonly db: Database;
  readonly repository: PgRepository;
}

/** Opens PostgreSQL when a URL is configured, otherwise the embedded PGlite, and brings its schema up to date. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>): Promise<Store> {
  const db: Database = config.databaseUrl
    ? new PgDatabase(config.databaseUrl, config.databasePoolSize)
    : await PgliteDatabase.open(config.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return { db, repository: new PgRepository(db) };
}
