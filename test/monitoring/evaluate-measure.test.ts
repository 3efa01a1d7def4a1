import type { Bundle, Measure, MeasureReport } from '@medplum/fhirtypes';
import { FIGURE_QUERIES } from '../../src/monitoring/figure-queries.ts';
import { MEASURES } from '../../src/monitoring/measures.ts';
import { loadMonitoringTerminology } from '../../src/monitoring/monitoring-terminology.ts';
import { reportingPeriod } from '../../src/monitoring/reporting-period.ts';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { authHeader } from '../support/security.ts';
import { GALA_RAW } from './gala-expected.ts';
import { AMSTERDAM_CLIENT, GALA_EXPECTED, GALA_GEMEENTEN, GALA_PERIODS, seedGalaFixture, type GalaPeriod } from './gala-fixture.ts';
import { numbersIn, shownFigures } from './measure-report-compare.ts';

const CANONICAL = 'https://brug.example.org/fhir/Measure';
const PERIODS = Object.keys(GALA_PERIODS) as GalaPeriod[];

describeEachStore(
  'GALA key figures: $evaluate-measure on the fixture',
  (t) => {
    const app = () => t().app;
    /** Every report of the fixture (gemeente, period, measure), as the admin evaluates them. */
    const reports = new Map<string, MeasureReport>();

    async function evaluate(client: string, query: string, measure = 'verwijzingen') {
      const res = await app().inject({ method: 'GET', url: `/fhir/Measure/${measure}/$evaluate-measure?${query}`, headers: { ...(await authHeader(app(), client)), accept: FHIR_JSON } });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    }

    beforeAll(async () => {
      await seedGalaFixture(app());
      for (const gemeente of GALA_GEMEENTEN) {
        for (const period of PERIODS) {
          const [start, end] = GALA_PERIODS[period];
          for (const m of MEASURES) {
            const res = await evaluate('demo-admin', `periodStart=${start}&periodEnd=${end}&gemeente=${gemeente}`, m.id);
            if (res.status !== 200) throw new Error(`${gemeente} ${period} ${m.id}: ${res.status} ${JSON.stringify(res.body)}`);
            reports.set(`${gemeente} ${period} ${m.id}`, res.body as MeasureReport);
          }
        }
      }
    }, 600_000);

    test('GET /fhir/Measure lists every Brug Measure, with the national targets on their groups', async () => {
      const res = await app().inject({ method: 'GET', url: '/fhir/Measure?_count=100', headers: { ...(await authHeader(app(), 'demo-welzijn')), accept: FHIR_JSON } });
      expect(res.statusCode).toBe(200);
      const measures = ((JSON.parse(res.body) as Bundle).entry ?? []).map((e) => e.resource as Measure);
      expect(measures.map((m) => m.url).sort()).toEqual(MEASURES.map((m) => `${CANONICAL}/${m.id}`).sort());
      expect(measures.every((m) => m.status === 'active')).toBe(true);
      const target = (id: string, group: string) => measures.find((m) => m.id === id)!.group!.find((g) => g.code!.coding![0]!.code === group)!.extension![0]!.valueRange;
      expect(target('verwijzingen', 'per-10000-inwoners-per-jaar')).toEqual({ low: { value: 60, unit: 'per 10.000 inwoners per jaar' } });
      expect(target('capaciteit-brugfunctie', 'fte-per-10000-inwoners')).toEqual({ low: { value: 0.2, unit: 'fte per 10.000 inwoners' }, high: { value: 0.5, unit: 'fte per 10.000 inwoners' } });
    });

    test('the Measures are written once: a restart of the plugin changes nothing', async () => {
      const res = await app().inject({ method: 'GET', url: '/fhir/Measure/verwijzingen/_history', headers: { ...(await authHeader(app(), 'demo-admin')), accept: FHIR_JSON } });
      expect((JSON.parse(res.body) as Bundle).total).toBe(1);
    });

    describe.each(GALA_GEMEENTEN)('%s', (gemeente) => {
      test.each(PERIODS)('%s: every figure as the report shows it matches the hand-computed one', (period) => {
        for (const m of MEASURES) {
          const report = reports.get(`${gemeente} ${period} ${m.id}`)!;
          expect({ measure: m.id, figures: shownFigures(report) }).toEqual({ measure: m.id, figures: GALA_EXPECTED[gemeente][period][m.id] });
        }
      });

      test.each(PERIODS)('%s: before suppression the SQL computes every hand-computed figure', async (period) => {
        const terminology = await loadMonitoringTerminology(t().app.terminology);
        const [start, end] = GALA_PERIODS[period];
        for (const m of MEASURES) {
          const groups = await FIGURE_QUERIES[m.id]!({ sql: t().store.db, gemeente, period: reportingPeriod(start, end, (n) => n), terminology });
          const computed = Object.fromEntries(
            groups.map((g) => [
              g.code,
              { score: g.score ?? null, population: Object.fromEntries(g.counts.map((c) => [c.code, c.count])), ...(g.strata ? { strata: Object.fromEntries(g.strata.map((s) => [s.code, s.count])) } : {}) },
            ]),
          );
          expect({ measure: m.id, figures: computed }).toEqual({ measure: m.id, figures: GALA_RAW[gemeente][period][m.id] });
        }
      });
    });

    test('the report is a summary for the gemeente: reporter, period, measure, gemeente extension', () => {
      const report = reports.get('GM0344 2026-Q2 verwijzingen')!;
      expect(report).toMatchObject({
        resourceType: 'MeasureReport',
        status: 'complete',
        type: 'summary',
        measure: `${CANONICAL}/verwijzingen`,
        period: { start: '2026-04-01', end: '2026-06-30' },
        reporter: { reference: 'Organization/demo-gemeente' },
        extension: [{ url: 'https://brug.example.org/fhir/StructureDefinition/brug-gemeente', valueCoding: { system: 'https://brug.example.org/fhir/CodeSystem/brug-gemeente', code: 'GM0344' } }],
      });
      expect(Date.parse(report.date!)).not.toBeNaN();
      // The reporter is named too, by the CBS name the package's CodeSystem brug-gemeente gives the code.
      expect(reports.get('GM0363 2026 verwijzingen')!.reporter).toEqual({ reference: `Organization/${AMSTERDAM_CLIENT}`, display: 'Amsterdam' });
    });

    test('suppression: no count from 1 to 4 and no score resting on one appears anywhere in any report', () => {
      expect(reports.size).toBe(GALA_GEMEENTEN.length * PERIODS.length * MEASURES.length);
      let masked = 0;
      for (const [key, report] of reports) {
        const [gemeente, period, measure] = key.split(' ') as ['GM0344', GalaPeriod, string];
        const small = numbersIn(report).filter((n) => n.key === 'count' && n.value >= 1 && n.value <= 4);
        expect({ key, small }).toEqual({ key, small: [] });
        for (const group of report.group ?? []) {
          const raw = GALA_RAW[gemeente][period][measure]![group.code!.coding![0]!.code!]!;
          const restsOnSmall = Object.values(raw.population).some((c) => typeof c === 'number' && c >= 1 && c <= 4);
          if (restsOnSmall) {
            expect({ key, score: group.measureScore?.value }).toEqual({ key, score: undefined });
            expect(group.measureScore?.extension).toEqual([{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }]);
            masked++;
          }
          for (const p of group.population ?? []) if (p.count === undefined) expect(p.extension?.[0]?.valueCode).toMatch(/masked|unknown/);
        }
        const text = JSON.stringify(report);
        expect(text).not.toMatch(/Patient\/|ServiceRequest\/|Task\/|bsn|"subject"|evaluatedResource/i);
      }
      expect(masked).toBeGreaterThan(50);
    });

    describe('access', () => {
      const q1 = 'periodStart=2026-01-01&periodEnd=2026-03-31';

      test('a municipality reads its own gemeente without naming it, and the same figures as the admin', async () => {
        const own = await evaluate('demo-gemeente', q1);
        expect(own.status).toBe(200);
        expect(shownFigures(own.body)).toEqual(GALA_EXPECTED.GM0344['2026-Q1'].verwijzingen);
        expect((await evaluate('demo-gemeente', `${q1}&gemeente=GM0344`)).status).toBe(200);
        const amsterdam = await evaluate(AMSTERDAM_CLIENT, q1);
        expect(amsterdam.status).toBe(200);
        expect(shownFigures(amsterdam.body)).toEqual(GALA_EXPECTED.GM0363['2026-Q1'].verwijzingen);
      });

      test('demo-gemeente (GM0344) may not evaluate GM0363: 403', async () => {
        const res = await evaluate('demo-gemeente', `${q1}&gemeente=GM0363`);
        expect(res.status).toBe(403);
        expect(res.body.resourceType).toBe('OperationOutcome');
        expect(res.body.issue[0].expression).toEqual(['gemeente']);
      });

      test.each(['demo-welzijn', 'demo-huisarts', 'demo-poh'])('%s may not evaluate key figures: 403', async (client) => {
        const res = await evaluate(client, `${q1}&gemeente=GM0344`);
        expect(res.status).toBe(403);
        expect(res.body.resourceType).toBe('OperationOutcome');
      });

      test('an admin must name the gemeente', async () => {
        const res = await evaluate('demo-admin', q1);
        expect(res.status).toBe(400);
        expect(res.body.issue[0].expression).toEqual(['gemeente']);
      });

      test('without a token: 401', async () => {
        const res = await app().inject({ method: 'GET', url: `/fhir/Measure/verwijzingen/$evaluate-measure?${q1}` });
        expect(res.statusCode).toBe(401);
      });
    });

    describe('calling conventions', () => {
      test('type level with the canonical, and POST with a Parameters body, give the same figures', async () => {
        const headers = { ...(await authHeader(app(), 'demo-gemeente')), accept: FHIR_JSON };
        const typeLevel = await app().inject({ method: 'GET', url: `/fhir/Measure/$evaluate-measure?measure=${encodeURIComponent(`${CANONICAL}/afloop`)}&periodStart=2026-01-01&periodEnd=2026-12-31&reportType=population`, headers });
        expect(typeLevel.statusCode).toBe(200);
        expect(shownFigures(JSON.parse(typeLevel.body))).toEqual(GALA_EXPECTED.GM0344['2026'].afloop);
        const parameters = {
          resourceType: 'Parameters',
          parameter: [
            { name: 'periodStart', valueDate: '2026-01-01' },
            { name: 'periodEnd', valueDate: '2026-12-31' },
            { name: 'reportType', valueCode: 'summary' },
          ],
        };
        const post = await app().inject({ method: 'POST', url: '/fhir/Measure/doorlooptijd-eerste-contact/$evaluate-measure', headers: { ...headers, 'content-type': FHIR_JSON }, payload: JSON.stringify(parameters) });
        expect(post.statusCode).toBe(200);
        expect(shownFigures(JSON.parse(post.body))).toEqual(GALA_EXPECTED.GM0344['2026']['doorlooptijd-eerste-contact']);
        const typePost = await app().inject({
          method: 'POST',
          url: '/fhir/Measure/$evaluate-measure',
          headers: { ...headers, 'content-type': FHIR_JSON },
          payload: JSON.stringify({ ...parameters, parameter: [...parameters.parameter, { name: 'measure', valueCanonical: `${CANONICAL}/uitkomsten` }] }),
        });
        expect(typePost.statusCode).toBe(200);
        expect(shownFigures(JSON.parse(typePost.body))).toEqual(GALA_EXPECTED.GM0344['2026'].uitkomsten);
      });

      test('periods given as a year or a month stand for all their days', async () => {
        const year = await evaluate('demo-gemeente', 'periodStart=2026&periodEnd=2026');
        expect(year.body.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
        expect(shownFigures(year.body)).toEqual(GALA_EXPECTED.GM0344['2026'].verwijzingen);
        const quarter = await evaluate('demo-gemeente', 'periodStart=2026-04&periodEnd=2026-06');
        expect(quarter.body.period).toEqual({ start: '2026-04-01', end: '2026-06-30' });
      });
    });

    describe('errors are OperationOutcomes that name the parameter', () => {
      const cases: [string, string, string, number, string][] = [
        ['a date that is no date', 'verwijzingen', 'periodStart=2026-02-30&periodEnd=2026-03-31', 400, 'periodStart'],
        ['a period end that is not a date', 'verwijzingen', 'periodStart=2026-01-01&periodEnd=morgen', 400, 'periodEnd'],
        ['periodEnd before periodStart', 'verwijzingen', 'periodStart=2026-04-01&periodEnd=2026-03-31', 400, 'periodEnd'],
        ['no periodStart', 'verwijzingen', 'periodEnd=2026-03-31', 400, 'periodStart'],
        ['an individual report', 'verwijzingen', 'periodStart=2026-01-01&periodEnd=2026-03-31&reportType=individual', 400, 'reportType'],
        ['a subject', 'verwijzingen', 'periodStart=2026-01-01&periodEnd=2026-03-31&subject=Patient/1', 400, 'subject'],
        ['a malformed gemeente', 'verwijzingen', 'periodStart=2026-01-01&periodEnd=2026-03-31&gemeente=Utrecht', 400, 'gemeente'],
        ['a gemeente Brug does not know', 'verwijzingen', 'periodStart=2026-01-01&periodEnd=2026-03-31&gemeente=GM0999', 404, 'gemeente'],
      ];
      test.each(cases)('%s', async (_title, measure, query, status, expression) => {
        const res = await evaluate('demo-admin', query, measure);
        expect(res.status).toBe(status);
        expect(res.body.resourceType).toBe('OperationOutcome');
        expect(res.body.issue[0].expression).toEqual([expression]);
      });

      test('an unknown measure: 404', async () => {
        const res = await evaluate('demo-admin', 'periodStart=2026-01-01&periodEnd=2026-03-31&gemeente=GM0344', 'wachttijd');
        expect(res.status).toBe(404);
        expect(res.body.resourceType).toBe('OperationOutcome');
        const typeLevel = await app().inject({ method: 'GET', url: `/fhir/Measure/$evaluate-measure?measure=${CANONICAL}/wachttijd&periodStart=2026&periodEnd=2026&gemeente=GM0344`, headers: { ...(await authHeader(app(), 'demo-admin')), accept: FHIR_JSON } });
        expect(typeLevel.statusCode).toBe(404);
        expect(JSON.parse(typeLevel.body).issue[0].expression).toEqual(['measure']);
      });

      test('a Parameters body with a bad value names its entry', async () => {
        const res = await app().inject({
          method: 'POST',
          url: '/fhir/Measure/verwijzingen/$evaluate-measure',
          headers: { ...(await authHeader(app(), 'demo-gemeente')), accept: FHIR_JSON, 'content-type': FHIR_JSON },
          payload: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'periodStart', valueDate: '2026-01-01' }, { name: 'periodEnd', valueDate: '2025-12-31' }] }),
        });
        expect(res.statusCode).toBe(400);
        expect(JSON.parse(res.body).issue[0].expression).toEqual(['Parameters.parameter[1]']);
      });
    });
  },
  { security: true },
);
