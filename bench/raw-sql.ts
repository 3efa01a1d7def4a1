/**
 * The ceiling for the server's creates and reads: the same Task JSON inserted and read back by primary key with
 * plain SQL through a `pg` Pool the size of the server's, with no HTTP, no FHIR and no index rows.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { withCpu } from './cpu.ts';
import { loopLoad, type Figures } from './measure.ts';
import { makeTask } from './seed-tasks.ts';

/** `dbBackends` lists the backends of the scratch database, for their CPU time (see cpu.ts). */
export async function rawSql(
  databaseUrl: string,
  poolSize: number,
  connections: number,
  seconds: number,
  dbBackends?: () => Promise<number[]>,
): Promise<{ insert: Figures; select: Figures }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const cpu = { app: 'self' as const, dbBackends };
  try {
    await pool.query('DROP TABLE IF EXISTS bench_raw');
    await pool.query('CREATE TABLE bench_raw (id text PRIMARY KEY, content text NOT NULL)');
    const ids: string[] = [];
    const insert = await withCpu(cpu, () =>
      loopLoad('raw SQL INSERT', connections, seconds, async (n) => {
        const id = randomUUID();
        const content = JSON.stringify({ ...makeTask(n), id, meta: { versionId: '1', lastUpdated: new Date().toISOString() } });
        await pool.query('INSERT INTO bench_raw (id, content) VALUES ($1, $2)', [id, content]);
        ids.push(id);
      }),
    );
    const select = await withCpu(cpu, () =>
      loopLoad('raw SQL SELECT by key', connections, seconds, async () => {
        const { rows } = await pool.query<{ content: string }>('SELECT content FROM bench_raw WHERE id = $1', [ids[Math.floor(Math.random() * ids.length)]]);
        if (rows.length !== 1) throw new Error('row not found');
      }),
    );
    await pool.query('DROP TABLE bench_raw');
    return { insert, select };
  } finally {
    await pool.end();
  }
}
