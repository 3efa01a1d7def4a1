import { readFileSync } from 'node:fs';
import { describeEachStore } from '../support/app.ts';
import { authHeader } from '../support/security.ts';
import { POPULATION_CSV } from './gala-fixture.ts';

const HEADER = '"ID";"RegioS";"Perioden";"TotaleBevolking_1";"Bevolking15JaarOfOuder_2";"Huisartsenpraktijken_3";"FteBrugfunctie_4"';

describeEachStore(
  'PUT /monitoring/population: the CBS population CSV',
  (t) => {
    const app = () => t().app;

    async function put(client: string | undefined, csv: string, contentType = 'text/csv') {
      const res = await app().inject({
        method: 'PUT',
        url: '/monitoring/population',
        headers: { ...(client ? await authHeader(app(), client) : {}), 'content-type': contentType },
        payload: csv,
      });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    }

    async function stored(gemeente: string): Promise<Record<string, unknown>[]> {
      return (await t().store.db.query<Record<string, unknown>>('SELECT year, inhabitants, inhabitants_15plus, gp_practices, bridging_fte::text AS fte, loaded_by FROM monitoring_population WHERE gemeente = $1 ORDER BY year', [gemeente])).rows;
    }

    test('an administrator loads the example file: every row, numbers with a decimal comma', async () => {
      const res = await put('demo-admin', readFileSync(POPULATION_CSV, 'utf8'));
      expect(res.status).toBe(200);
      expect(res.body.issue[0].diagnostics).toBe('4 row(s) loaded: GM0344 2025, GM0344 2026, GM0363 2025, GM0363 2026');
      expect(await stored('GM0363')).toEqual([
        { year: 2025, inhabitants: 931298, inhabitants_15plus: 810371, gp_practices: 291, fte: '24.00', loaded_by: 'demo-admin' },
        { year: 2026, inhabitants: 936417, inhabitants_15plus: 815008, gp_practices: 293, fte: '26.50', loaded_by: 'demo-admin' },
      ]);
    });

    test('a municipality loads its own gemeente, and a later load replaces the year', async () => {
      const res = await put('demo-gemeente', `${HEADER}\n"1";"GM0344";"2026JJ00";"378200";"322100";"99";"13.0"\n`);
      expect(res.status).toBe(200);
      expect((await stored('GM0344')).find((r) => r.year === 2026)).toEqual({ year: 2026, inhabitants: 378200, inhabitants_15plus: 322100, gp_practices: 99, fte: '13.00', loaded_by: 'demo-gemeente' });
    });

    test('a municipality may not load another gemeente: 403 naming the row, and nothing is loaded', async () => {
      const res = await put('demo-gemeente', `${HEADER}\n"1";"GM0344";"2027";"1000";"900";"1";"0,1"\n"2";"GM0363";"2027";"1000";"900";"1";"0,1"\n`);
      expect(res.status).toBe(403);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].diagnostics).toMatch(/Row 3 is for gemeente GM0363/);
      expect((await stored('GM0344')).map((r) => r.year)).not.toContain(2027);
    });

    test('bad rows: 400 listing every row and column, and nothing is loaded', async () => {
      const csv = [HEADER, '"1";"Utrecht";"2027JJ00";"1000";"900";"1";"0,1"', '"2";"GM0344";"volgend jaar";"1000";"2000";"x";"1,234"', '"3";"GM0344";"2028";"1000";"900";"1";"0,1"', ''].join('\n');
      const res = await put('demo-admin', csv);
      expect(res.status).toBe(400);
      expect(res.body.issue.map((i: { diagnostics: string }) => i.diagnostics.split(':')[0])).toEqual(['row 2, column RegioS', 'row 3, column Perioden', 'row 3, column Huisartsenpraktijken', 'row 3, column FteBrugfunctie']);
      expect(res.body.issue[0].expression).toEqual(['row 2, column RegioS']);
      expect((await stored('GM0344')).map((r) => r.year)).not.toContain(2028);
    });

    test('a missing column is named', async () => {
      const res = await put('demo-admin', '"RegioS";"Perioden";"TotaleBevolking"\n"GM0344";"2026";"1"\n');
      expect(res.status).toBe(400);
      expect(res.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['row 1, column Bevolking15JaarOfOuder', 'row 1, column Huisartsenpraktijken', 'row 1, column FteBrugfunctie']);
    });

    test('other roles: 403; no token: 401; a body that is not CSV: 400', async () => {
      const csv = readFileSync(POPULATION_CSV, 'utf8');
      expect((await put('demo-welzijn', csv)).status).toBe(403);
      expect((await put('demo-huisarts', csv)).status).toBe(403);
      const anonymous = await put(undefined, csv);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.resourceType).toBe('OperationOutcome');
      const json = await put('demo-admin', '{}', 'application/json');
      expect(json.status).toBe(400);
      expect(json.body.issue[0].diagnostics).toMatch(/Content-Type: text\/csv/);
    });
  },
  { security: true },
);
