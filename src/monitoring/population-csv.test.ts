import { parsePopulationCsv } from './population-csv.ts';

describe('parsePopulationCsv', () => {
  test('reads StatLine columns in any order, quoted or not, with a BOM, CRLF and a decimal comma', () => {
    const csv = '\uFEFFFteBrugfunctie_4;Perioden;RegioS;TotaleBevolking_1;Bevolking15JaarOfOuder_2;Huisartsenpraktijken_3;Gemeentenaam\r\n"11,5";2025JJ00;"GM0344";374238;318702;97;Utrecht\r\n';
    expect(parsePopulationCsv(csv)).toEqual({
      rows: [{ row: 2, gemeente: 'GM0344', year: 2025, inhabitants: 374238, inhabitants15plus: 318702, gpPractices: 97, bridgingFte: 11.5 }],
      problems: [],
    });
  });

  test('a gemeente and year twice is a problem on the second row', () => {
    const csv = 'RegioS;Perioden;TotaleBevolking;Bevolking15JaarOfOuder;Huisartsenpraktijken;FteBrugfunctie\nGM0344;2026;10;9;1;1\nGM0344;2026JJ00;10;9;1;1\n';
    expect(parsePopulationCsv(csv).problems).toEqual([{ row: 3, column: 'Perioden', problem: 'GM0344 2026 is also on row 2' }]);
  });

  test('more inhabitants of 15+ than inhabitants, no rows, no header', () => {
    const header = 'RegioS;Perioden;TotaleBevolking;Bevolking15JaarOfOuder;Huisartsenpraktijken;FteBrugfunctie';
    expect(parsePopulationCsv(`${header}\nGM0344;2026;10;11;1;1\n`).problems[0]).toMatchObject({ row: 2, column: 'Bevolking15JaarOfOuder' });
    expect(parsePopulationCsv(`${header}\n`).problems).toEqual([{ row: 2, column: '-', problem: 'the file has no data rows' }]);
    expect(parsePopulationCsv('').problems).toEqual([{ row: 1, column: '-', problem: 'the file has no header row' }]);
  });
});
