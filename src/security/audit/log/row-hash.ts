import { createHash } from 'node:crypto';
import type { AuditRow } from './audit-row.ts';

/** The hash of one log row: every column, in the row's fixed field order, with its position in the log. */
export function rowHash(seq: string, row: AuditRow): Buffer {
  return createHash('sha256').update(JSON.stringify([seq, row])).digest();
}

/** A block's link in the chain: the previous block's hash and the hashes of its rows, in order. */
export function blockHash(previous: Buffer, rowHashes: Buffer): Buffer {
  return createHash('sha256').update(previous).update(rowHashes).digest();
}

export const CHAIN_START = Buffer.alloc(32);
