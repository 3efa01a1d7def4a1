import type { CsvRecord } from '../../src/csv-reader.ts';

/**
 * The columns of a sociale kaart CSV. `aanbod_id` is the offer's stable id in the source: re-importing a file
 * updates the offers with the same ids. Lists (soort, levensgebieden) are separated by semicolons.
 */
export const COLUMNS = [
  'aanbod_id', 'naam', 'soort', 'categorie', 'levensgebieden', 'gemeente', 'doelgroep',
  'aanbieder_kvk', 'aanbieder_naam', 'adres', 'postcode', 'plaats', 'latitude', 'longitude', 'telefoon', 'email', 'website',
] as const;
export type Column = (typeof COLUMNS)[number];

const REQUIRED: readonly Column[] = ['aanbod_id', 'naam', 'soort', 'gemeente', 'aanbieder_kvk', 'aanbieder_naam'];

/** One checked row, ready to map to resources. `row` counts as a spreadsheet does: the header is row 1. */
export interface OfferRow {
  row: number;
  id: string;
  name: string;
  kinds: string[];
  category?: string;
  lifeDomains: string[];
  municipality: string;
  eligibility?: string;
  provider: { kvk: string; name: string };
  address?: { line?: string; postalCode?: string; city?: string };
  position?: { latitude: number; longitude: number };
  phone?: string;
  email?: string;
  website?: string;
}

/** Why a row (or one of its columns) was rejected: from the CSV checks or from the server's OperationOutcome. */
export interface Rejection {
  row: number;
  column: string;
  reason: string;
}

/** The codes a row may use, read from the profile package's CodeSystems. */
export interface KnownCodes {
  kinds: ReadonlySet<string>;
  lifeDomains: ReadonlySet<string>;
}

/** Header problems make the whole file unreadable; they are reported before any row is imported. */
export function checkHeader(header: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  const problems = REQUIRED.filter((c) => !names.includes(c)).map((c) => `missing column "${c}"`);
  for (const name of names) if (!(COLUMNS as readonly string[]).includes(name)) problems.push(`unknown column "${name}"; known: ${COLUMNS.join(', ')}`);
  return problems;
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

function list(value: string): string[] {
  return value.split(';').map((v) => v.trim()).filter((v) => v !== '');
}

type Cells = Partial<Record<Column, string>>;

function checkCodes(cells: Cells, problems: [Column, string][], known: KnownCodes): void {
  const kinds = list(cells.soort ?? '');
  if (kinds.length === 0) problems.push(['soort', 'at least one kind of offer is required']);
  for (const k of kinds) if (!known.kinds.has(k)) problems.push(['soort', `"${k}" is not a code of brug-aanbod-soort`]);
  for (const d of list(cells.levensgebieden ?? '')) if (!known.lifeDomains.has(d)) problems.push(['levensgebieden', `"${d}" is not a code of brug-levensgebied`]);
}

function checkFormats(cells: Cells, problems: [Column, string][]): void {
  const has = (c: Column): boolean => (cells[c] ?? '') !== '';
  if (has('aanbod_id') && !ID.test(cells.aanbod_id!)) problems.push(['aanbod_id', 'use 1–64 letters, digits, "-" or "."']);
  if (has('gemeente') && !/^GM\d{4}$/.test(cells.gemeente!)) problems.push(['gemeente', `"${cells.gemeente}" is not a CBS municipality code (GM + four digits, e.g. GM0344)`]);
  if (has('aanbieder_kvk') && !/^\d{8}$/.test(cells.aanbieder_kvk!)) problems.push(['aanbieder_kvk', `"${cells.aanbieder_kvk}" is not a KvK number (eight digits)`]);
  if (has('postcode') && !/^\d{4} ?[A-Z]{2}$/.test(cells.postcode!)) problems.push(['postcode', `"${cells.postcode}" is not a Dutch postcode (1234 AB)`]);
  if (has('email') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cells.email!)) problems.push(['email', `"${cells.email}" is not an e-mail address`]);
  if (has('website') && !/^https?:\/\/\S+$/.test(cells.website!)) problems.push(['website', 'a website starts with http:// or https://']);
  if (has('telefoon') && !/^\+?[\d ()-]{6,20}$/.test(cells.telefoon!)) problems.push(['telefoon', `"${cells.telefoon}" is not a phone number`]);
  if (has('latitude') !== has('longitude')) problems.push([has('latitude') ? 'longitude' : 'latitude', 'latitude and longitude go together']);
  for (const [column, limit] of [['latitude', 90], ['longitude', 180]] as const) {
    if (!has(column)) continue;
    const n = Number(cells[column]);
    if (!DECIMAL.test(cells[column]!) || Math.abs(n) > limit) problems.push([column, `"${cells[column]}" is not a coordinate in decimal degrees (-${limit}..${limit})`]);
  }
}

function toOffer(row: number, cells: Cells): OfferRow {
  const v = (c: Column): string | undefined => (cells[c] === '' ? undefined : cells[c]);
  const address = v('adres') || v('postcode') || v('plaats') ? { line: v('adres'), postalCode: v('postcode'), city: v('plaats') } : undefined;
  const position = v('latitude') && v('longitude') ? { latitude: Number(cells.latitude), longitude: Number(cells.longitude) } : undefined;
  return {
    row, id: cells.aanbod_id!, name: cells.naam!, kinds: list(cells.soort!), category: v('categorie'), lifeDomains: list(cells.levensgebieden ?? ''),
    municipality: cells.gemeente!, eligibility: v('doelgroep'), provider: { kvk: cells.aanbieder_kvk!, name: cells.aanbieder_naam! },
    address, position, phone: v('telefoon'), email: v('email'), website: v('website'),
  };
}

/** Checks one record against the header; either an offer or the reasons it cannot be one. */
export function checkRow(header: readonly string[], record: CsvRecord, row: number, known: KnownCodes): OfferRow | Rejection[] {
  if (record.fields.length !== header.length) {
    return [{ row, column: '-', reason: `has ${record.fields.length} fields where the header has ${header.length}` }];
  }
  const cells: Cells = Object.fromEntries(header.map((h, i) => [h.trim(), record.fields[i]!.trim()]));
  const problems: [Column, string][] = REQUIRED.filter((c) => (cells[c] ?? '') === '').map((c) => [c, 'is required']);
  checkCodes(cells, problems, known);
  checkFormats(cells, problems);
  return problems.length > 0 ? problems.map(([column, reason]) => ({ row, column, reason })) : toOffer(row, cells);
}
