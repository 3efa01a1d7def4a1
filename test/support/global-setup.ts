import { canConnect, LOCAL_POSTGRES } from './postgres-server.ts';

interface Stoppable {
  stop(): Promise<unknown>;
}

declare global {
  var brugPostgresContainer: Stoppable | undefined;
}

async function dockerEngineAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** Finds the PostgreSQL server for this run and hands its URL to the test workers through the environment. */
export default async function globalSetup(): Promise<void> {
  const stores = (process.env.BRUG_TEST_STORES ?? 'pglite,postgres').split(',');
  if (!stores.includes('postgres')) {
    process.stdout.write('\n[brug tests] BRUG_TEST_STORES excludes postgres: PostgreSQL integration tests are NOT run.\n');
    return;
  }
  if (process.env.TEST_DATABASE_URL) {
    if (!(await canConnect(process.env.TEST_DATABASE_URL))) throw new Error(`TEST_DATABASE_URL does not answer: ${process.env.TEST_DATABASE_URL}`);
    return;
  }
  if (await dockerEngineAvailable()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    globalThis.brugPostgresContainer = container;
    process.env.TEST_DATABASE_URL = container.getConnectionUri();
    return;
  }
  if (await canConnect(LOCAL_POSTGRES)) {
    process.env.TEST_DATABASE_URL = LOCAL_POSTGRES;
    return;
  }
  throw new Error(
    'The integration tests need PostgreSQL: set TEST_DATABASE_URL, run a Docker engine (testcontainers), ' +
      `or run PostgreSQL at ${LOCAL_POSTGRES}. To run on PGlite only, set BRUG_TEST_STORES=pglite explicitly.`,
  );
}
