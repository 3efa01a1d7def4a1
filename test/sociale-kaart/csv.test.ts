import { readFileSync } from 'node:fs';
import { CsvSyntaxError, parseCsv } from '../../src/csv-reader.ts';
import { BRUG_CANONICAL_BASE } from '../../src/canonical-urls.ts';
import { checkHeader, checkRow, COLUMNS } from '../../scripts/sociale-kaart/offer-row.ts';

describe('RFC 4180 parsing', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and a missing final line break', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\n\nlast,1,2';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['', '', ''] },
      { line: 6, fields: ['last', '1', '2'] },
    ]);
  });

  it.each([
    ['"open', /line 1: a quoted field is not closed/],
    ['a,"b"c', /text after a closing quote/],
    ['a,b"c', /a quote inside an unquoted field/],
  ])('refuses %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});

describe('sociale kaart rows', () => {
  const known = { kinds: new Set(['ontmoeting']), lifeDomains: new Set(['sociaal-netwerk']) };
  const header = [...COLUMNS];
  const record = (cells: Record<string, string>) => ({ line: 2, fields: header.map((h) => cells[h] ?? '') });
  const good = { aanbod_id: 'X-1', naam: 'Inloop', soort: 'ontmoeting', gemeente: 'GM0344', aanbieder_kvk: '12345678', aanbieder_naam: 'Stichting' };

  it('checks the header for required and unknown columns', () => {
    expect(checkHeader(header)).toEqual([]);
    expect(checkHeader(['aanbod_id', 'naam', 'kleur'])).toEqual(expect.arrayContaining(['missing column "soort"', expect.stringMatching(/^unknown column "kleur"/)]));
  });

  it('maps a good row and reports every problem of a bad one with its column', () => {
    expect(checkRow(header, record({ ...good, latitude: '52.1', longitude: '5.1', levensgebieden: 'sociaal-netwerk; ' }), 2, known)).toMatchObject({
      row: 2, id: 'X-1', kinds: ['ontmoeting'], lifeDomains: ['sociaal-netwerk'], position: { latitude: 52.1, longitude: 5.1 },
    });
    const bad = checkRow(header, record({ ...good, naam: '', latitude: '52.1', email: 'nope', postcode: '1234' }), 5, known);
    expect(bad).toEqual(expect.arrayContaining([
      { row: 5, column: 'naam', reason: 'is required' },
      { row: 5, column: 'longitude', reason: 'latitude and longitude go together' },
      { row: 5, column: 'email', reason: '"nope" is not an e-mail address' },
      { row: 5, column: 'postcode', reason: '"1234" is not a Dutch postcode (1234 AB)' },
    ]));
  });

  it('uses the canonical base of the profile package', () => {
    expect(JSON.parse(readFileSync('profiles/package/package.json', 'utf8')).canonical).toBe(BRUG_CANONICAL_BASE);
  });
});
