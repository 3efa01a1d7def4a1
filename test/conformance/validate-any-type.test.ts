import { readFileSync } from 'node:fs';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { authHeader } from '../support/security.ts';

const CANONICAL = 'https://brug.example.org/fhir';
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8').replaceAll('{{canonical}}', CANONICAL)) as Record<string, unknown>;

interface Issue {
  severity: string;
  code: string;
  diagnostics: string;
  expression?: string[];
}

const parameters = (...parameter: Record<string, unknown>[]) => ({ resourceType: 'Parameters', parameter });
const errors = (res: { json(): { issue: Issue[] } }) => res.json().issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const encounter = { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' } };

describeEachStore('$validate on types the server does not store', (t) => {
  const post = (url: string, body: unknown) => t().app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } });

  it('validates an Encounter, valid and invalid, though no Encounter is stored here', async () => {
    const ok = await post('/fhir/Encounter/$validate', encounter);
    expect(ok.statusCode).toBe(200);
    expect(errors(ok)).toEqual([]);
    const bad = await post('/fhir/Encounter/$validate', parameters({ name: 'resource', resource: { resourceType: 'Encounter', status: 'klaar', period: { start: '2026-13-01' } } }));
    expect(bad.statusCode).toBe(200);
    const where = errors(bad).flatMap((i) => i.expression ?? []);
    expect(where).toEqual(expect.arrayContaining(['Encounter.period.start']));
    expect(where.some((e) => e.startsWith('Encounter.class') || e === 'Encounter')).toBe(true);
  });

  it('validates each entry of a transaction Bundle against its profile, at Bundle.entry[n].resource', async () => {
    const task = read('profiles/test-cases/invalid/taak-vrije-tekst.json');
    delete task.id;
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:5b1f3c2e-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', name: [{ family: 'Jansen' }] }, request: { method: 'POST', url: 'Patient' } },
        { fullUrl: 'urn:uuid:5b1f3c2e-0000-4000-8000-000000000002', resource: task, request: { method: 'POST', url: 'Task' } },
        { fullUrl: 'urn:uuid:5b1f3c2e-0000-4000-8000-000000000003', resource: { resourceType: 'Patient', birthDate: '1980-02-30' }, request: { method: 'POST', url: 'Patient' } },
      ],
    };
    const res = await post('/fhir/Bundle/$validate', parameters({ name: 'resource', resource: bundle }));
    expect(res.statusCode).toBe(200);
    const where = errors(res).flatMap((i) => i.expression ?? []);
    expect(where).toEqual(expect.arrayContaining(['Bundle.entry[1].resource.description', 'Bundle.entry[2].resource.birthDate']));
    expect(where.some((e) => e.startsWith('Bundle.entry[0]'))).toBe(false);
    expect(errors(res).find((i) => i.expression?.[0] === 'Bundle.entry[1].resource.description')?.diagnostics).toMatch(/brug-verwijzingtaak/);
  });

  it('finds no error in the example referral transaction', async () => {
    const res = await post('/fhir/Bundle/$validate', read('examples/1-verwijzing.json'));
    expect(res.statusCode).toBe(200);
    expect(errors(res)).toEqual([]);
  });

  it('validates a Parameters resource, as the body or inside the resource parameter', async () => {
    const asBody = await post('/fhir/Parameters/$validate', parameters({ name: 'x', valueString: 'y' }));
    expect(asBody.statusCode).toBe(200);
    expect(errors(asBody)).toEqual([]);
    const broken = parameters({ name: 'x', valueString: 'y', valueBoolean: true });
    const wrapped = await post('/fhir/Parameters/$validate', parameters({ name: 'resource', resource: broken }));
    expect(wrapped.statusCode).toBe(200);
    expect(errors(wrapped).length).toBeGreaterThan(0);
  });

  it('keeps 404 for a type R4 does not have, and for other interactions on types not stored', async () => {
    expect((await post('/fhir/Widget/$validate', { resourceType: 'Widget' })).statusCode).toBe(404);
    expect((await post('/fhir/Encounter', encounter)).statusCode).toBe(404);
    expect((await t().app.inject({ method: 'GET', url: '/fhir/Encounter' })).statusCode).toBe(404);
    expect((await post('/fhir/Encounter/x/$validate', encounter)).statusCode).toBe(404);
  });
});

describeEachStore(
  '$validate on types not stored, with access control',
  (t) => {
    it('lets any authenticated client validate a Bundle, and no anonymous one', async () => {
      const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: encounter, request: { method: 'POST', url: 'Encounter' } }] };
      for (const client of ['demo-welzijn', 'demo-gemeente', 'demo-huisarts']) {
        const res = await t().app.inject({ method: 'POST', url: '/fhir/Bundle/$validate', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON, ...(await authHeader(t().app, client)) } });
        expect(res.statusCode).toBe(200);
      }
      const anonymous = await t().app.inject({ method: 'POST', url: '/fhir/Bundle/$validate', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON } });
      expect(anonymous.statusCode).toBe(401);
    });
  },
  { security: true },
);
