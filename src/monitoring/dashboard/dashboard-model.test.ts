// The dashboard's browser modules that need no browser: reading a MeasureReport, collecting the figures and the CSV.
// They are plain JavaScript served as is, so they are loaded here by path, with the types this test relies on.

interface Cell {
  value?: number;
  masked?: boolean;
  absent?: boolean;
}
interface Model {
  gemeente: { code?: string };
  figures: { figureKey: string; title: string; definition?: string; cells: Record<string, Cell> }[];
  breakdowns: { figureKey: string; stratifier: string; cells: Record<string, Cell>; rows: { code: string; display: string; cells: Record<string, Cell> }[] }[];
}
type Read = (resource: unknown) => unknown;

const load = async <T>(file: string): Promise<T> => (await import(`./assets/${file}` as string)) as T;

const DAR = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const masked = { extension: [{ url: DAR, valueCode: 'masked' }] };
const code = (c: string) => ({ coding: [{ code: c }] });

const measures = [
  { id: 'verwijzingen', title: 'Aantal sociale verwijzingen', group: [{ code: code('aantal') }, { code: code('per-10000-inwoners-per-jaar'), extension: [{ url: 'https://brug.example.org/fhir/StructureDefinition/brug-streefwaarde', valueRange: { low: { value: 60 } } }] }] },
  { id: 'verwijzingen-per-verwijzer-rol', group: [{ code: code('aantal'), stratifier: [{ code: code('verwijzer-rol') }] }] },
];

function report(q: number): unknown {
  return {
    resourceType: 'MeasureReport',
    extension: [{ url: 'https://brug.example.org/fhir/StructureDefinition/brug-gemeente', valueCoding: { code: 'GM0344' } }],
    group: [
      { code: code('aantal'), measureScore: q === 1 ? { ...masked } : { value: 7 * q, unit: 'aantal' } },
      { code: code('per-10000-inwoners-per-jaar'), measureScore: q === 1 ? masked : { value: 0.75, unit: 'per 10.000 inwoners; per jaar' } },
    ],
  };
}

function breakdown(q: number): unknown {
  return {
    resourceType: 'MeasureReport',
    group: [
      {
        code: code('aantal'),
        measureScore: { value: 3 * q },
        // R4: MeasureReport.group.stratifier.code is a list.
        stratifier: [{ code: [code('verwijzer-rol')], stratum: q === 2 ? [] : [{ value: { coding: [{ code: '62247001', display: 'Family medicine specialist' }] }, population: [{ count: 9 }] }, { value: code('159002008'), ...masked, population: [masked] }] }],
      },
    ],
  };
}

describe('dashboard model (browser modules)', () => {
  it('reads masked, absent and stratified figures, and writes them as CSV with "afgeschermd" and decimal commas', async () => {
    const { readMeasure, readMeasureReport } = await load<{ readMeasure: Read; readMeasureReport: Read }>('read-measure-report.js');
    const { collectFigures } = await load<{ collectFigures: (m: unknown[], r: unknown[][], p: unknown[]) => Model }>('collect-figures.js');
    const { periodsOf } = await load<{ periodsOf: (year: number) => { key: string }[] }>('periods.js');
    const { buildCsv } = await load<{ buildCsv: (model: Model) => string }>('csv-export.js');
    const periods = periodsOf(2026).slice(0, 2);
    expect(periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
    const model = collectFigures(measures.map(readMeasure), [[report(1), report(2)].map(readMeasureReport), [breakdown(1), breakdown(2)].map(readMeasureReport)], periods);

    expect(model.gemeente.code).toBe('GM0344');
    expect(model.figures.map((f) => f.figureKey)).toEqual(['verwijzingen/aantal', 'verwijzingen/per-10000-inwoners-per-jaar']);
    expect(model.figures[0]!.cells).toEqual({ '2026-Q1': { masked: true }, '2026-Q2': { value: 14 } });
    // Each card its own title and a definition, not the Measure's title repeated.
    expect(model.figures.map((f) => f.title)).toEqual(['Aantal verwijzingen', 'Verwijzingen per 10.000 inwoners per jaar']);
    for (const f of model.figures) expect(f.definition).toMatch(/verwijzingen/);
    const [roles] = model.breakdowns;
    expect(roles!.stratifier).toBe('verwijzer-rol');
    expect(roles!.rows.map((r) => [r.code, r.display, r.cells])).toEqual([
      ['62247001', 'Huisarts', { '2026-Q1': { value: 9 }, '2026-Q2': { absent: true } }],
      ['159002008', 'Praktijkondersteuner (POH)', { '2026-Q1': { masked: true }, '2026-Q2': { absent: true } }],
    ]);

    const lines = buildCsv(model).split('\r\n');
    expect(lines[0]).toBe('gemeente;periode;kengetal;groep;uitsplitsing;waarde;eenheid');
    expect(lines).toContain('GM0344;2026-Q1;verwijzingen;aantal;;afgeschermd;aantal');
    expect(lines).toContain('GM0344;2026-Q2;verwijzingen;per-10000-inwoners-per-jaar;;0,75;"per 10.000 inwoners; per jaar"');
    expect(lines).toContain('GM0344;2026-Q1;verwijzingen-per-verwijzer-rol;aantal;verwijzer-rol=159002008;afgeschermd;');
    expect(lines).toContain('GM0344;2026-Q2;verwijzingen-per-verwijzer-rol;aantal;verwijzer-rol=62247001;;');
    expect(lines).toHaveLength(1 + 2 * 2 + 2 * 3 + 1);
  });
});
