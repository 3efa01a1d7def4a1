import pg from 'pg';

/** Bench settings come from the environment, so a run is reproduced by repeating its variables. */
export function setting(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export function whole(name: string, fallback: number): number {
  const value = Number(setting(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

/** The administrative PostgreSQL connection the benchmarks create and drop their scratch databases with. */
export const ADMIN_URL = setting('BENCH_PG_URL', 'postgres://postgres@127.0.0.1:5432/postgres');

/**
 * The connection string of a scratch database on the administrative server, named by the setting `name`. Only
 * loopback servers: a benchmark drops and creates this database.
 */
export function scratchDatabaseUrl(name: string, fallback: string): { name: string; url: string } {
  const database = setting(name, fallback);
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`${name} must be a plain lower-case database name`);
  const url = new URL(ADMIN_URL);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('BENCH_PG_URL must point at a loopback address');
  url.pathname = `/${database}`;
  return { name: database, url: url.toString() };
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
