// RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): delimited records (commas by default); quoted fields may hold
// the delimiter, quotes ("") and line breaks. Small enough to own: the project has no CSV dependency, and neither a
// sociale kaart export nor a CBS StatLine download (semicolons) needs anything beyond the RFC.

/** One record with the 1-based number of the line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** Parses the whole text; a byte-order mark and a final line break are allowed, blank lines are skipped. */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') [field, i] = [field + '"', i + 1];
      else if (c === '"') {
        quoted = false;
        const next = input[i + 1];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') throw new CsvSyntaxError(line, 'text after a closing quote');
      } else {
        if (c === '\n') line += 1;
        field += c;
      }
    } else if (c === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && input[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return records;
}
