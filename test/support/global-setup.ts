import { EmbeddedCluster } from '../../src/store/embedded/embedded-cluster.ts';
import { canConnect, connectionUrl, LOCAL_POSTGRES } from './postgres-server.ts';

interface Stoppable {
  stop(): Promise<unknown>;
}

declare global {
  var brugPostgresContainer: Stoppable | undefined;
  var brugEmbeddedCluster: Stoppable | undefined;
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

/**
 * Finds the PostgreSQL server for this run and hands its URL to the test workers through the environment:
 * TEST_DATABASE_URL; else a testcontainers PostgreSQL where a Docker engine answers; else the local server at
 * 127.0.0.1:5432; else an embedded cluster started here, as `npm start` does, so any machine runs the whole suite.
 */
export default async function globalSetup(): Promise<void> {
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
  const cluster = await EmbeddedCluster.start({ dataDir: 'memory://', maxConnections: 300 });
  globalThis.brugEmbeddedCluster = cluster;
  process.env.TEST_DATABASE_URL = connectionUrl(cluster.connection(), 'postgres');
  process.stdout.write(`\n[brug tests] no PostgreSQL server found: running on an embedded cluster (${process.env.TEST_DATABASE_URL}).\n`);
}
