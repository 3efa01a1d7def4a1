/**
 * The log's monthly partitions: made ahead of time, and dropped whole once older than the retention
 * (`AUDIT_RETENTION_MONTHS`), with the seals of their rows. Dropping a partition is instant and leaves no dead
 * rows behind, where deleting hundreds of millions of rows would take hours and bloat the table.
 */
import type { Database } from '../../../store/index.ts';

const PARTITION_LOCK = 724_310_104;
const MONTHS_AHEAD = 2;
const PARTITION_NAME = /^audit_log_(\d{4})_(\d{2})$/;

function monthStart(date: Date, addMonths: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + addMonths, 1));
}

/** The monthly partitions there are, oldest first, by the month they start. */
export async function monthlyPartitions(db: Pick<Database, 'query'>): Promise<{ name: string; start: Date }[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_log'::regclass",
  );
  return rows
    .map((r) => ({ name: r.name, m: PARTITION_NAME.exec(r.name) }))
    .filter((p): p is { name: string; m: RegExpExecArray } => p.m !== null)
    .map((p) => ({ name: p.name, start: new Date(Date.UTC(Number(p.m[1]), Number(p.m[2]) - 1, 1)) }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Creates this month's and the next months' partitions, and drops those past retention; returns the dropped. */
export async function keepPartitions(db: Database, retentionMonths: number, now = new Date()): Promise<string[]> {
  return db.transaction(async (sql) => {
    const locked = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [PARTITION_LOCK]);
    if (!locked.rows[0]?.ok) return [];
    for (let m = 0; m <= MONTHS_AHEAD; m++) {
      await sql.query('SELECT brug_audit_partition($1::date)', [monthStart(now, m).toISOString().slice(0, 10)]);
    }
    if (retentionMonths === 0) return [];
    const cutoff = monthStart(now, -retentionMonths);
    const expired = (await monthlyPartitions(sql)).filter((p) => p.start < cutoff);
    for (const p of expired) await sql.query(`DROP TABLE ${p.name}`);
    if (expired.length > 0) {
      await sql.query("SET LOCAL brug.audit_retention = 'on'");
      await sql.query('DELETE FROM audit_seal WHERE last_recorded < $1::timestamptz', [cutoff.toISOString()]);
    }
    return expired.map((p) => p.name);
  });
}
