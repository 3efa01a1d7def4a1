import pg from 'pg';

/**
 * Where the PostgreSQL integration tests get a server: TEST_DATABASE_URL when given; otherwise a testcontainers
 * PostgreSQL when a Docker engine answers; otherwise the local server this project's machines run. Never silently none.
 */
export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A connection config as a URL the workers can share; a socket folder goes in the `host` query parameter. */
export function connectionUrl(config: pg.ClientConfig, database: string): string {
  const user = encodeURIComponent(config.user ?? 'postgres');
  const password = typeof config.password === 'string' ? `:${encodeURIComponent(config.password)}` : '';
  if (typeof config.host === 'string' && config.host.startsWith('/')) {
    return `postgres://${user}${password}@localhost:${config.port}/${database}?host=${encodeURIComponent(config.host)}`;
  }
  return `postgres://${user}${password}@${config.host}:${config.port}/${database}`;
}
