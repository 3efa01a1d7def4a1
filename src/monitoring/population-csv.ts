import { CsvSyntaxError, parseCsv, type CsvRecord } from '../csv-reader.ts';

/**
 * Population figures per gemeente and year, in the form a municipality exports them from CBS StatLine
 * (https://opendata.cbs.nl): `;`-separated (read by src/csv-reader.ts), a header row, values optionally in double quotes, CBS period codes, decimal
 * comma or point. Example: examples/monitoring/inwoners-cbs.csv.
 *
 *   RegioS                 CBS municipality code, GM + 4 digits (GM0344)                       required
 *   Perioden               the year as CBS writes it, 2026JJ00 (or plain 2026)                  required
 *   TotaleBevolking        inhabitants on 1 January                                            required
 *   Bevolking15JaarOfOuder inhabitants aged 15 or older                                        required
 *   Huisartsenpraktijken   GP practices in the gemeente                                        required
 *   FteBrugfunctie         fte of social-domain professionals with the bridging role           required
 *
 * Column names are matched without case and without the `_<n>` suffix StatLine adds (TotaleBevolking_1); other columns
 * (ID, Gemeentenaam, …) are ignored. Every problem is reported with its row (1 = the header) and column.
 */
export interface PopulationRow {
  readonly row: number;
  readonly gemeente: string;
  readonly year: number;
  readonly inhabitants: number;
  readonly inhabitants15plus: number;
  readonly gpPractices: number;
  readonly bridgingFte: number;
}

export interface CsvProblem {
  readonly row: number;
  readonly column: string;
  readonly problem: string;
}

type Field = 'RegioS' | 'Perioden' | 'TotaleBevolking' | 'Bevolking15JaarOfOuder' | 'Huisartsenpraktijken' | 'FteBrugfunctie';
const FIELDS: readonly Field[] = ['RegioS', 'Perioden', 'TotaleBevolking', 'Bevolking15JaarOfOuder', 'Huisartsenpraktijken', 'FteBrugfunctie'];
export const MAX_POPULATION_ROWS = 5000;

function cells(record: CsvRecord): string[] {
  return record.fields.map((c) => c.trim());
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((c) => c.trim() === '');
}

function columnsOf(header: string[]): Map<Field, number> | CsvProblem[] {
  const found = new Map<Field, number>();
  header.forEach((name, index) => {
    const bare = name.replace(/^\uFEFF/, '').replace(/_\d+$/, '').toLowerCase();
    const field = FIELDS.find((f) => f.toLowerCase() === bare);
    if (field && !found.has(field)) found.set(field, index);
  });
  const missing = FIELDS.filter((f) => !found.has(f));
  return missing.length ? missing.map((f) => ({ row: 1, column: f, problem: 'column missing from the header' })) : found;
}

function whole(value: string, max: number): number | undefined {
  const bare = value.replace(/\./g, '');
  if (!/^\d{1,9}$/.test(bare)) return undefined;
  const n = Number(bare);
  return n <= max ? n : undefined;
}

function decimal(value: string): number | undefined {
  if (!/^\d{1,6}([.,]\d{1,2})?$/.test(value)) return undefined;
  return Number(value.replace(',', '.'));
}

function parseRow(values: string[], row: number, columns: Map<Field, number>, problems: CsvProblem[]): PopulationRow | undefined {
  const cell = (f: Field): string => values[columns.get(f)!] ?? '';
  const fail = (column: Field, problem: string): undefined => {
    problems.push({ row, column, problem });
    return undefined;
  };
  const gemeente = /^GM\d{4}$/.test(cell('RegioS')) ? cell('RegioS') : fail('RegioS', `"${cell('RegioS')}" is not a CBS municipality code (GM and 4 digits)`);
  const period = /^(\d{4})(JJ00)?$/.exec(cell('Perioden'));
  const year = period && Number(period[1]) >= 2000 && Number(period[1]) <= 2100 ? Number(period[1]) : fail('Perioden', `"${cell('Perioden')}" is not a year (2026JJ00 or 2026, 2000 to 2100)`);
  const inhabitants = whole(cell('TotaleBevolking'), 20_000_000) ?? fail('TotaleBevolking', `"${cell('TotaleBevolking')}" is not a whole number of inhabitants`);
  const inhabitants15plus = whole(cell('Bevolking15JaarOfOuder'), 20_000_000) ?? fail('Bevolking15JaarOfOuder', `"${cell('Bevolking15JaarOfOuder')}" is not a whole number of inhabitants`);
  const gpPractices = whole(cell('Huisartsenpraktijken'), 100_000) ?? fail('Huisartsenpraktijken', `"${cell('Huisartsenpraktijken')}" is not a whole number of practices`);
  const bridgingFte = decimal(cell('FteBrugfunctie')) ?? fail('FteBrugfunctie', `"${cell('FteBrugfunctie')}" is not a number of fte (at most 2 decimals)`);
  if (gemeente === undefined || year === undefined || inhabitants === undefined || inhabitants15plus === undefined || gpPractices === undefined || bridgingFte === undefined) return undefined;
  if (inhabitants === 0) return fail('TotaleBevolking', 'a gemeente has inhabitants');
  if (inhabitants15plus > inhabitants) return fail('Bevolking15JaarOfOuder', `${inhabitants15plus} is more than TotaleBevolking (${inhabitants})`);
  return { row, gemeente, year, inhabitants, inhabitants15plus, gpPractices, bridgingFte };
}

/** The rows of a population CSV, or every problem found in it (nothing is loaded from a file with problems). */
export function parsePopulationCsv(text: string): { rows: PopulationRow[]; problems: CsvProblem[] } {
  let records: CsvRecord[];
  try {
    records = parseCsv(text, ';');
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { rows: [], problems: [{ row: err.line, column: '-', problem: err.message }] };
    throw err;
  }
  const problems: CsvProblem[] = [];
  const first = records[0];
  if (first === undefined || first.line !== 1 || isBlank(first)) return { rows: [], problems: [{ row: 1, column: '-', problem: 'the file has no header row' }] };
  const header = cells(first);
  const columns = columnsOf(header);
  if (Array.isArray(columns)) return { rows: [], problems: columns };
  const rows: PopulationRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (isBlank(record)) continue;
    if (rows.length + problems.length >= MAX_POPULATION_ROWS) {
      problems.push({ row: record.line, column: '-', problem: `more than ${MAX_POPULATION_ROWS} rows; split the file` });
      break;
    }
    const parsed = parseRow(cells(record), record.line, columns, problems);
    if (!parsed) continue;
    const key = `${parsed.gemeente} ${parsed.year}`;
    if (seen.has(key)) problems.push({ row: record.line, column: 'Perioden', problem: `${key} is also on row ${seen.get(key)}` });
    else seen.set(key, record.line);
    rows.push(parsed);
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: '-', problem: 'the file has no data rows' });
  return { rows, problems };
}
