// The dashboard names a gemeente by its CBS name: the package's CodeSystem brug-gemeente lists the codes Brug knows,
// the server serves it and answers $lookup on it, and every MeasureReport carries the name beside the code.
import type { Bundle, CodeSystem, MeasureReport } from '@medplum/fhirtypes';
import { FHIR_JSON, startTestApp, type TestApp } from '../support/app.ts';
import { authHeader } from '../support/security.ts';

const SYSTEM = 'https://brug.example.org/fhir/CodeSystem/brug-gemeente';

describe('gemeente names from the CBS list [postgres]', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('postgres', { security: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function get(client: string, url: string) {
    const res = await t.app.inject({ method: 'GET', url, headers: { ...(await authHeader(t.app, client)), accept: FHIR_JSON } });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  test('the CodeSystem is served with the codes Brug knows and their CBS names, as a fragment of the list', async () => {
    const res = await get('demo-gemeente', `/fhir/CodeSystem?url=${encodeURIComponent(SYSTEM)}`);
    expect(res.status).toBe(200);
    const system = (res.body as Bundle).entry![0]!.resource as CodeSystem;
    expect(system.content).toBe('fragment');
    expect(system.concept).toEqual([
      { code: 'GM0344', display: 'Utrecht' },
      { code: 'GM0363', display: 'Amsterdam' },
    ]);
  });

  test('$lookup gives the name of a code', async () => {
    const res = await get('demo-gemeente', `/fhir/CodeSystem/$lookup?system=${encodeURIComponent(SYSTEM)}&code=GM0363`);
    expect(res.status).toBe(200);
    expect((res.body as { parameter: { name: string; valueString?: string }[] }).parameter.find((p) => p.name === 'display')?.valueString).toBe('Amsterdam');
  });

  test("a report names the municipality's gemeente by code and name, in its extension and as its reporter", async () => {
    const res = await get('demo-gemeente', '/fhir/Measure/verwijzingen/$evaluate-measure?periodStart=2026&periodEnd=2026');
    expect(res.status).toBe(200);
    const report = res.body as MeasureReport;
    expect(report.extension![0]!.valueCoding).toEqual({ system: SYSTEM, code: 'GM0344', display: 'Utrecht' });
    expect(report.reporter!.display).toBe('Utrecht');
  });
});
