/** Walks the hash chain of the audit log (see seal-log.ts) and says where it breaks. Reads only. */
import type { SqlExecutor } from '../../../store/index.ts';
import { rowOf } from './audit-log-store.ts';
import { monthlyPartitions } from './partitions.ts';
import { blockHash, rowHash } from './row-hash.ts';
import { SEALED_ROW_COLUMNS, type SealedRow } from './seal-log.ts';

export interface ChainBreak {
  readonly block: string;
  readonly seq?: string;
  /** `AuditEvent/<id>` of the row concerned. */
  readonly event?: string;
  readonly recorded?: string;
  readonly problem: string;
}

export interface ChainReport {
  readonly blocks: number;
  readonly rows: number;
  /** Rows newer than the last seal (normally those of the last second or so). */
  readonly unsealed: number;
  /** The last block's hash (hex): written down elsewhere, it lets a later check see that no block was rewritten. */
  readonly head?: string;
  readonly breaks: ChainBreak[];
}

interface Seal {
  block: string;
  first_xid: string;
  first_seq: string;
  last_xid: string;
  last_seq: string;
  seqs: string[];
  row_hashes: Buffer;
  prev_hash: Buffer;
  hash: Buffer;
  first_recorded: string;
}

const PAGE = 100;

function rowBreak(block: string, row: SealedRow, problem: string): ChainBreak {
  const r = rowOf(row);
  return { block, seq: row.seq, event: `AuditEvent/${r.id}`, recorded: r.recorded, problem };
}

async function checkBlock(sql: SqlExecutor, seal: Seal, expiredBefore: number | undefined, breaks: ChainBreak[]): Promise<number> {
  if (!seal.hash.equals(blockHash(seal.prev_hash, seal.row_hashes)) || seal.row_hashes.length !== seal.seqs.length * 32) {
    breaks.push({ block: seal.block, problem: 'the seal itself was changed: its hash does not match its contents' });
  }
  const { rows } = await sql.query<SealedRow>(
    `SELECT ${SEALED_ROW_COLUMNS} FROM audit_log a WHERE (a.xid, a.seq) >= ($1::xid8, $2::bigint) AND (a.xid, a.seq) <= ($3::xid8, $4::bigint) ORDER BY a.xid, a.seq`,
    [seal.first_xid, seal.first_seq, seal.last_xid, seal.last_seq],
  );
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const sealed = new Set(seal.seqs);
  // A block holds one month's rows: those of a partition dropped by retention are gone on purpose.
  const expired = expiredBefore !== undefined && Date.parse(seal.first_recorded) < expiredBefore;
  seal.seqs.forEach((seq, i) => {
    const row = bySeq.get(seq);
    if (!row) {
      if (!expired) breaks.push({ block: seal.block, seq, problem: 'the row was removed' });
      return;
    }
    if (!rowHash(seq, rowOf(row)).equals(seal.row_hashes.subarray(i * 32, i * 32 + 32))) {
      breaks.push(rowBreak(seal.block, row, 'the row was changed: it no longer matches its hash'));
    }
  });
  for (const row of rows) if (!sealed.has(row.seq)) breaks.push(rowBreak(seal.block, row, 'the row was added after its block was sealed'));
  return rows.length;
}

export async function verifyLog(sql: SqlExecutor): Promise<ChainReport> {
  const partitions = await monthlyPartitions(sql);
  const expiredBefore = partitions[0]?.start.getTime();
  const breaks: ChainBreak[] = [];
  let previous: Seal | undefined;
  let blocks = 0;
  let rows = 0;
  for (;;) {
    const page = await sql.query<Seal>(
      `SELECT block::text, first_xid::text, first_seq::text, last_xid::text, last_seq::text, seqs::text[] AS seqs, row_hashes, prev_hash, hash, first_recorded
       FROM audit_seal WHERE block > $1::bigint ORDER BY block LIMIT ${PAGE}`,
      [previous?.block ?? '0'],
    );
    for (const seal of page.rows) {
      if (previous && BigInt(seal.block) !== BigInt(previous.block) + 1n) {
        breaks.push({ block: seal.block, problem: `the blocks after ${previous.block} up to this one were removed` });
      }
      if (previous && !seal.prev_hash.equals(previous.hash)) {
        breaks.push({ block: seal.block, problem: `the chain is broken: this block does not follow block ${previous.block}` });
      }
      if (previous) {
        // A row between two blocks was never sealed: it was slipped in later.
        const slipped = await sql.query<SealedRow>(
          `SELECT ${SEALED_ROW_COLUMNS} FROM audit_log a WHERE (a.xid, a.seq) > ($1::xid8, $2::bigint) AND (a.xid, a.seq) < ($3::xid8, $4::bigint)`,
          [previous.last_xid, previous.last_seq, seal.first_xid, seal.first_seq],
        );
        for (const row of slipped.rows) breaks.push(rowBreak(seal.block, row, 'the row is in no block: it was added after sealing'));
      }
      rows += await checkBlock(sql, seal, expiredBefore, breaks);
      blocks++;
      previous = seal;
    }
    if (page.rows.length < PAGE) break;
  }
  const unsealed = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log a WHERE (a.xid, a.seq) > ($1::xid8, $2::bigint)', [
    previous?.last_xid ?? '0',
    previous?.last_seq ?? '0',
  ]);
  return { blocks, rows, unsealed: Number(unsealed.rows[0]?.n ?? 0), head: previous?.hash.toString('hex'), breaks };
}
