// What the dashboard reads over HTTP, checked as an outsider would attack it: every MeasureReport of the GALA
// fixture for the four quarters and the year, and no masked count that the year minus the shown quarters (or a
// quarter's total minus its shown referrer roles) gives away. Also the periods that are refused, since any other
// period would make a masked count the difference of two reports.
import type { MeasureReport, MeasureReportGroup } from '@medplum/fhirtypes';
import { MEASURES } from '../../src/monitoring/measures.ts';
import { FHIR_JSON, startTestApp, type TestApp } from '../support/app.ts';
import { authHeader } from '../support/security.ts';
import { GALA_GEMEENTEN, GALA_PERIODS, seedGalaFixture, type GalaPeriod } from './gala-fixture.ts';

const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] as const;
const THRESHOLD = 5;
/** Counts of distinct organisations do not add up over the quarters; every other count does. */
const NOT_ADDITIVE = new Set(['aangesloten-praktijken', 'aangesloten-organisaties', 'capaciteit-brugfunctie']);
const DAR = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** A shown count, or 'masked'. */
type Shown = number | 'masked';

function isMasked(element: { extension?: { url?: string; valueCode?: string }[] } | undefined): boolean {
  return (element?.extension ?? []).some((e) => e.url === DAR && e.valueCode === 'masked');
}

/** Every count of a report by name: `<group>/<population>` and `<group>/stratum=<code>`. */
function countsOf(report: MeasureReport): Map<string, Shown> {
  const out = new Map<string, Shown>();
  for (const group of report.group ?? ([] as MeasureReportGroup[])) {
    const code = group.code!.coding![0]!.code!;
    for (const p of group.population ?? []) out.set(`${code}/${p.code!.coding![0]!.code}`, isMasked(p) ? 'masked' : p.count!);
    for (const s of group.stratifier?.[0]?.stratum ?? []) out.set(`${code}/stratum=${s.value!.coding![0]!.code}`, isMasked(s.population?.[0]) ? 'masked' : s.population![0]!.count!);
  }
  return out;
}

/**
 * What an outsider learns of the masked cells of a line whose total is shown: their sum. It gives a cell away when
 * the cell is alone, or when the sum leaves every masked cell at its least possible value (1). A sum of 0 says only
 * that they are 0 (a share's numerator masked because its complement is small), which identifies nobody.
 */
function givesAway(cells: readonly Shown[], total: Shown): string | undefined {
  if (total === 'masked') return undefined;
  const masked = cells.filter((c) => c === 'masked').length;
  if (masked === 0) return undefined;
  const rest = total - cells.reduce<number>((s, c) => s + (c === 'masked' ? 0 : c), 0);
  if (rest === 0) return undefined;
  if (masked === 1) return `one masked cell = ${rest}`;
  if (rest <= masked || rest < THRESHOLD) return `${masked} masked cells add up to ${rest}`;
  return undefined;
}

describe('small-count suppression across periods, over HTTP [postgres]', () => {
  let t: TestApp;
  const reports = new Map<string, MeasureReport>();

  async function evaluate(query: string, measure = 'verwijzingen') {
    const res = await t.app.inject({ method: 'GET', url: `/fhir/Measure/${measure}/$evaluate-measure?${query}`, headers: { ...(await authHeader(t.app, 'demo-admin')), accept: FHIR_JSON } });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  beforeAll(async () => {
    t = await startTestApp('postgres', { security: true });
    await seedGalaFixture(t.app);
    for (const gemeente of GALA_GEMEENTEN) {
      for (const period of Object.keys(GALA_PERIODS) as GalaPeriod[]) {
        const [start, end] = GALA_PERIODS[period];
        for (const m of MEASURES) {
          const res = await evaluate(`periodStart=${start}&periodEnd=${end}&gemeente=${gemeente}`, m.id);
          if (res.status !== 200) throw new Error(`${gemeente} ${period} ${m.id}: ${res.status}`);
          reports.set(`${gemeente} ${period} ${m.id}`, res.body as MeasureReport);
        }
      }
    }
  }, 600_000);

  afterAll(async () => {
    await t?.close();
  });

  test('no masked quarter is the year minus the shown quarters, and no masked referrer role a quarter minus the others', () => {
    const leaks: string[] = [];
    let protectedLines = 0;
    for (const gemeente of GALA_GEMEENTEN) {
      for (const m of MEASURES) {
        const year = countsOf(reports.get(`${gemeente} 2026 ${m.id}`)!);
        const quarters = QUARTERS.map((q) => countsOf(reports.get(`${gemeente} ${q} ${m.id}`)!));
        if (!NOT_ADDITIVE.has(m.id)) {
          for (const [name, total] of year) {
            const cells = quarters.map((q) => q.get(name) ?? 0);
            const leak = givesAway(cells, total);
            if (leak) leaks.push(`${gemeente} ${m.id} ${name} over the quarters: ${leak}`);
            if (cells.includes('masked') && total !== 'masked') protectedLines++;
          }
        }
        if (m.id !== 'verwijzingen-per-verwijzer-rol') continue;
        for (const [i, counts] of [...quarters, year].entries()) {
          const strata = [...counts].filter(([name]) => name.includes('/stratum=')).map(([, v]) => v);
          const leak = givesAway(strata, counts.get('aantal/initial-population')!);
          if (leak) leaks.push(`${gemeente} ${m.id} period ${i} strata: ${leak}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(protectedLines).toBeGreaterThan(10);
  });

  test('a masked quarter takes a shown one with it: GM0344 Q3 (3 referrals) masks Q2 (5) too, and every score on them', () => {
    const shown = QUARTERS.map((q) => countsOf(reports.get(`GM0344 ${q} verwijzingen`)!).get('aantal/initial-population'));
    expect(shown).toEqual([7, 'masked', 'masked', 6]);
    const q2 = reports.get('GM0344 2026-Q2 verwijzingen')!;
    for (const group of q2.group!) expect(isMasked(group.measureScore)).toBe(true);
    expect(countsOf(reports.get('GM0344 2026-Q2 afloop')!).get('aandeel-geaccepteerd/denominator')).toBe('masked');
  });

  test.each([
    ['a month', 'periodStart=2026-01&periodEnd=2026-01'],
    ['a quarter less a day', 'periodStart=2026-01-02&periodEnd=2026-03-31'],
    ['two quarters', 'periodStart=2026-01-01&periodEnd=2026-06-30'],
    ['two years', 'periodStart=2025&periodEnd=2026'],
  ])('refuses %s: only calendar quarters and years are reported (400 on periodStart)', async (_name, query) => {
    const res = await evaluate(`${query}&gemeente=GM0344`);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].expression).toEqual(['periodStart']);
    expect(res.body.issue[0].diagnostics).toMatch(/calendar quarter or year/);
  });
});
