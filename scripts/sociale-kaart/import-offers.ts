import type { OperationOutcome } from '@medplum/fhirtypes';
import { CsvSyntaxError, parseCsv } from '../../src/csv-reader.ts';
import { transactionFor, type MappingOptions } from './offer-resources.ts';
import { checkHeader, checkRow, type KnownCodes, type OfferRow, type Rejection } from './offer-row.ts';
import { rejectionsFrom } from './outcome-rejections.ts';

/** Posts a transaction Bundle to the server and hands back its status and JSON body. */
export type SendBundle = (bundle: unknown) => Promise<{ status: number; body: unknown }>;

export interface ImportOptions extends MappingOptions {
  known: KnownCodes;
  batchSize: number;
  dryRun: boolean;
  send: SendBundle;
  progress: (line: string) => void;
}

export interface ImportReport {
  total: number;
  imported: number;
  /** Rows that passed the CSV checks (and were sent, unless a dry run). */
  passed: number;
  rejected: Rejection[];
  /** Problems with the file as a whole (syntax, header): nothing was imported. */
  fatal?: string[];
}

async function sendRows(offers: readonly OfferRow[], options: ImportOptions): Promise<Rejection[]> {
  const { bundle } = transactionFor(offers, options);
  const { status, body } = await options.send(bundle);
  if (status >= 200 && status < 300) return [];
  if (offers.length === 1) return rejectionsFrom(body as OperationOutcome, status, offers[0]!.row, bundle.entry.map((e) => e.resource?.resourceType ?? ''));
  // A transaction is all or nothing: find the bad rows by sending each row of the failed batch on its own.
  const rejected: Rejection[] = [];
  for (const offer of offers) rejected.push(...(await sendRows([offer], options)));
  return rejected;
}

/** Checks every row first, then imports the good ones in transaction Bundles of `batchSize` rows. */
export async function importOffers(text: string, options: ImportOptions): Promise<ImportReport> {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { total: 0, imported: 0, passed: 0, rejected: [], fatal: [err.message] };
    throw err;
  }
  const [header, ...data] = records;
  const problems = header ? checkHeader(header.fields) : ['the file is empty'];
  if (problems.length > 0) return { total: data.length, imported: 0, passed: 0, rejected: [], fatal: problems };
  const rejected: Rejection[] = [];
  const offers: OfferRow[] = [];
  const seen = new Map<string, number>();
  data.forEach((record, i) => {
    const checked = checkRow(header!.fields, record, i + 2, options.known);
    if (Array.isArray(checked)) rejected.push(...checked);
    else if (seen.has(checked.id)) rejected.push({ row: checked.row, column: 'aanbod_id', reason: `repeats the aanbod_id of row ${seen.get(checked.id)}` });
    else {
      seen.set(checked.id, checked.row);
      offers.push(checked);
    }
  });
  let imported = 0;
  for (let start = 0; start < offers.length && !options.dryRun; start += options.batchSize) {
    const batch = offers.slice(start, start + options.batchSize);
    const failed = await sendRows(batch, options);
    rejected.push(...failed);
    imported += batch.length - new Set(failed.map((r) => r.row)).size;
    options.progress(`imported ${imported}/${data.length} rows`);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { total: data.length, imported: options.dryRun ? 0 : imported, passed: offers.length, rejected };
}
