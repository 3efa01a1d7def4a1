/**
 * The hash chain over the log. Rows are appended without a hash (a change's event inside its own transaction,
 * accesses in group-committed batches), so that writers never wait for one another. Afterwards a sealer takes the rows
 * whose transactions have all ended (transaction id below the oldest one still running), in (xid, seq) order, and
 * appends one block to `audit_seal`: the rows' positions, each row's hash, and the block's hash over the previous
 * block's hash and those row hashes. Changing, removing or slipping in a row, or changing a seal, breaks the chain
 * from there on; `npm run -s audit:verify` says where. A row waits about one seal interval to be sealed.
 */
import type { SqlExecutor } from '../../../store/index.ts';
import type { Database } from '../../../store/index.ts';
import { LOG_COLUMNS, rowOf, type LogRow } from './audit-log-store.ts';
import { blockHash, CHAIN_START, rowHash } from './row-hash.ts';

// Several instances may seal; one at a time does.
const SEAL_LOCK = 724_310_103;
const BLOCK_ROWS = 5000;

export interface SealedRow extends LogRow {
  seq: string;
  xid: string;
}

export const SEALED_ROW_COLUMNS = `a.seq::text AS seq, a.xid::text AS xid, ${LOG_COLUMNS}`;

interface LastSeal {
  block: string;
  last_xid: string;
  last_seq: string;
  hash: Buffer;
}

/** The rows sealed into one new block, and whether more rows wait after it. */
async function sealBlock(sql: SqlExecutor): Promise<{ sealed: number; more: boolean }> {
  const locked = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEAL_LOCK]);
  if (!locked.rows[0]?.ok) return { sealed: 0, more: false };
  const last = (await sql.query<LastSeal>('SELECT block::text, last_xid::text, last_seq::text, hash FROM audit_seal ORDER BY block DESC LIMIT 1')).rows[0];
  const horizon = (await sql.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0]!.xmin;
  const { rows } = await sql.query<SealedRow>(
    `SELECT ${SEALED_ROW_COLUMNS} FROM audit_log a WHERE (a.xid, a.seq) > ($1::xid8, $2::bigint) AND a.xid < $3::xid8 ORDER BY a.xid, a.seq LIMIT $4`,
    [last?.last_xid ?? '0', last?.last_seq ?? '0', horizon, BLOCK_ROWS],
  );
  if (rows.length === 0) return { sealed: 0, more: false };
  // A block holds the rows of one month only, so retention drops whole blocks and a verifier can tell a row dropped
  // with its partition from a row removed.
  const month = (r: SealedRow) => rowOf(r).recorded.slice(0, 7);
  const cut = rows.findIndex((r) => month(r) !== month(rows[0]!));
  const more = cut >= 0 || rows.length === BLOCK_ROWS;
  if (cut >= 0) rows.splice(cut);
  const hashes = Buffer.concat(rows.map((r) => rowHash(r.seq, rowOf(r))));
  const previous = last?.hash ?? CHAIN_START;
  const recorded = rows.map((r) => Date.parse(rowOf(r).recorded));
  const first = rows[0]!;
  const end = rows[rows.length - 1]!;
  await sql.query(
    `INSERT INTO audit_seal (block, first_xid, first_seq, last_xid, last_seq, seqs, row_hashes, prev_hash, hash, first_recorded, last_recorded)
     VALUES ($1, $2::xid8, $3, $4::xid8, $5, $6::bigint[], $7, $8, $9, $10::timestamptz, $11::timestamptz)`,
    [
      last ? String(BigInt(last.block) + 1n) : '1',
      first.xid,
      first.seq,
      end.xid,
      end.seq,
      rows.map((r) => r.seq),
      hashes,
      previous,
      blockHash(previous, hashes),
      new Date(Math.min(...recorded)).toISOString(),
      new Date(Math.max(...recorded)).toISOString(),
    ],
  );
  return { sealed: rows.length, more };
}

/** Seals every row whose transaction has ended, in blocks; returns how many rows it sealed. */
export async function sealLog(db: Database): Promise<number> {
  let sealed = 0;
  for (;;) {
    const block = await db.transaction(sealBlock);
    sealed += block.sealed;
    if (!block.more) return sealed;
  }
}
