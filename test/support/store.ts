import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, type StoreKind } from './app.ts';

export interface TestStore {
  store: Store;
  close(): Promise<void>;
}

/** A store of the given kind on a fresh, empty database, for tests below the HTTP layer. */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const database = kind === 'postgres' ? await createTestDatabase() : undefined;
  const store = await openStore({ dataDir: 'memory://', databaseUrl: database?.url, databasePoolSize: 4, databaseQueueLimit: 100, statementTimeoutMs: 60_000 });
  return {
    store,
    async close() {
      await store.db.close();
      await database?.drop();
    },
  };
}
