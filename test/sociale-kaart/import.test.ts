import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runScript, type ScriptResult } from '../support/run-script.ts';
import type { Bundle, HealthcareService } from '@medplum/fhirtypes';
import { parseCsv } from '../../src/csv-reader.ts';
import { STORE_KINDS, startTestApp, type TestApp } from '../support/app.ts';
import { authHeader } from '../support/security.ts';

const root = path.resolve(__dirname, '../..');
const GOOD = 'examples/sociale-kaart/aanbod.csv';
const BAD = 'examples/sociale-kaart/aanbod-met-fouten.csv';
const OWN = 'examples/sociale-kaart/aanbod-welzijn.csv';

function importCsv(file: string, args: string[]): Promise<ScriptResult> {
  return runScript('scripts/import-sociale-kaart.ts', [file, ...args]);
}

/** The example file's rows as objects, so expectations follow the file. */
const rows = (() => {
  const [header, ...data] = parseCsv(readFileSync(path.join(root, GOOD), 'utf8'));
  return data.map((r) => Object.fromEntries(header!.fields.map((h, i) => [h, r.fields[i]!])));
})();

/** Great-circle distance by hand (haversine, mean earth radius), independent of the server's SQL. */
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

describe.each(STORE_KINDS)('sociale kaart import over HTTP [%s]', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { security: true, listen: true });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function search(query: string): Promise<HealthcareService[]> {
    const res = await t.app.inject({ method: 'GET', url: `/fhir/HealthcareService?${query}&_count=100`, headers: await authHeader(t.app, 'demo-huisarts') });
    expect(res.statusCode).toBe(200);
    return ((res.json() as Bundle).entry ?? []).map((e) => e.resource as HealthcareService);
  }
  const ids = (services: HealthcareService[]): string[] => services.map((s) => s.identifier![0]!.value!).sort();
  const idsWhere = (test: (row: Record<string, string>) => boolean): string[] => rows.filter(test).map((r) => r.aanbod_id!).sort();

  it('imports the example file with progress and exit code 0', async () => {
    const result = await importCsv(GOOD, ['--base', t.baseUrl, '--batch', '5']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('imported 5/14 rows');
    expect(result.stdout).toContain('imported 14/14 rows');
    expect(result.stdout).toContain('14 of 14 rows imported, 0 rejected');
  }, 60_000);

  it('finds offers by kind (service-type), life domain (characteristic) and gemeente', async () => {
    expect(ids(await search('service-type=brugfunctie'))).toEqual(idsWhere((r) => r.soort!.split(';').includes('brugfunctie')));
    expect(ids(await search('characteristic=financien'))).toEqual(idsWhere((r) => r.levensgebieden!.split(';').includes('financien')));
    expect(ids(await search('gemeente=GM0344'))).toEqual(idsWhere((r) => r.gemeente === 'GM0344'));
    expect(ids(await search('gemeente=GM0363&service-type=sport-bewegen'))).toEqual(['AMS-002']);
    const [service] = await search('identifier=UTR-003');
    expect(service).toMatchObject({ name: 'Spreekuur Geldzorgen Centrum', eligibility: [{ code: { text: 'Inwoners met geldzorgen of beginnende schulden' } }] });
    expect(service!.telecom).toEqual(expect.arrayContaining([{ system: 'email', value: 'spreekuur@geldwijs-utrecht.example.org', use: 'work' }]));
  });

  it('finds offers near a point through the chain location.near, by distances computed by hand', async () => {
    const [lat, lon] = [52.09, 5.12];
    const within = (d: number) => idsWhere((r) => r.latitude !== '' && km(lat, lon, Number(r.latitude), Number(r.longitude)) <= d);
    const near5 = await search(`location.near=${lat}|${lon}|5|km`);
    expect(ids(near5)).toEqual(within(5));
    expect(ids(near5).every((id) => id.startsWith('UTR-'))).toBe(true);
    expect(ids(near5)).not.toContain('UTR-007'); // Vleuten, about 7.5 km away
    expect(ids(await search(`location.near=${lat}|${lon}|8000|m`))).toEqual(within(8));
    // Utrecht to Amsterdam is about 35 km: 40 km reaches both cities.
    expect(ids(await search(`location.near=${lat}|${lon}|40`))).toEqual(within(40));
    expect(within(40).length).toBe(13);
  });

  it('updates instead of duplicating when the same file is imported again', async () => {
    const again = await importCsv(GOOD, ['--base', t.baseUrl]);
    expect(again.code).toBe(0);
    const res = await t.app.inject({ method: 'GET', url: '/fhir/HealthcareService?_summary=count', headers: await authHeader(t.app, 'demo-huisarts') });
    expect(res.json().total).toBe(14);
    const locations = await t.app.inject({ method: 'GET', url: '/fhir/Location?_summary=count', headers: await authHeader(t.app, 'demo-huisarts') });
    expect(locations.json().total).toBe(13);
    const providers = await t.app.inject({ method: 'GET', url: '/fhir/Organization?identifier=http://fhir.nl/fhir/NamingSystem/kvk|99100001', headers: await authHeader(t.app, 'demo-huisarts') });
    expect(providers.json().entry).toHaveLength(1);
  }, 60_000);

  it('reports each bad row with its column and reason, exits 1, and imports the good rows', async () => {
    const result = await importCsv(BAD, ['--base', t.baseUrl]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 of 9 rows imported, 7 rejected');
    const report = result.stderr;
    expect(report).toMatch(/row 3\tcolumn soort\t"breien" is not a code of brug-aanbod-soort/);
    expect(report).toMatch(/row 4\tcolumn gemeente\t"Utrecht" is not a CBS municipality code/);
    expect(report).toMatch(/row 5\tcolumn latitude\t"152.1" is not a coordinate/);
    expect(report).toMatch(/row 6\tcolumn aanbod_id\tis required/);
    expect(report).toMatch(/row 7\tcolumn levensgebieden\t"geluk" is not a code of brug-levensgebied/);
    expect(report).toMatch(/row 7\tcolumn aanbieder_kvk\t"1234" is not a KvK number/);
    expect(report).toMatch(/row 8\tcolumn -\thas 3 fields where the header has 17/);
    expect(report).toMatch(/row 10\tcolumn aanbod_id\trepeats the aanbod_id of row 2/);
    expect(ids(await search('identifier=FOUT-001,FOUT-008'))).toEqual(['FOUT-001', 'FOUT-008']);
    expect(await search('identifier=FOUT-002')).toEqual([]);
  }, 60_000);

  it('lets a social-domain client import its own offers and reports the server\'s refusal of another provider\'s', async () => {
    const result = await importCsv(OWN, ['--base', t.baseUrl, '--client', 'demo-welzijn', '--providers', 'existing']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 of 2 rows imported, 1 rejected');
    expect(result.stderr).toMatch(/row 3\tcolumn aanbieder_kvk\tserver 403: .*HealthcareService\.providedBy must stand for your organisation/);
    const [own] = await search('identifier=WELZIJN-001');
    expect(own!.providedBy!.reference).toBe('Organization/demo-welzijn');
  }, 60_000);
});
