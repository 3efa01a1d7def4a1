/**
 * Issue 15 (found by a hostile-input probe): a search parameter with thousands of comma-separated values nested its
 * ORs deeper than PostgreSQL allows and answered 500. MAX_PARAMETER_VALUES bounds them before any SQL is built, on
 * every path a search takes: the URL, a `_search` form body, and a transaction's conditional create.
 */
import { describeEachStore, ENGINE_ONLY, FHIR_JSON } from '../support/app.ts';

const values = (n: number): string => Array.from({ length: n }, (_, i) => `naam${i}`).join(',');

describeEachStore('MAX_PARAMETER_VALUES', (current) => {
  it('serves 100 values of one parameter and refuses 101 with 400 naming the limit and the parameter', async () => {
    const { app } = current();
    expect((await app.inject({ url: `/fhir/Patient?name=${values(100)}` })).statusCode).toBe(200);
    const refused = await app.inject({ url: `/fhir/Patient?name=${values(101)}` });
    expect(refused.statusCode).toBe(400);
    const issue = refused.json().issue[0];
    expect(issue.diagnostics).toContain('MAX_PARAMETER_VALUES=100');
    expect(issue.expression).toEqual(['name']);
  });

  it('counts an escaped comma as part of a value, not as a separator', async () => {
    const escaped = Array.from({ length: 150 }, (_, i) => `a\\,${i}`).join('\\,');
    expect((await current().app.inject({ url: `/fhir/Patient?name=${encodeURIComponent(escaped)}` })).statusCode).toBe(200);
  });

  it('refuses 10,000 values in a _search form body and in a conditional create of a transaction with 400, never 500', async () => {
    const { app } = current();
    const form = await app.inject({
      method: 'POST',
      url: '/fhir/Patient/_search',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `name=${values(10_000)}`,
    });
    expect(form.statusCode).toBe(400);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=${values(12_000)}` } }],
    };
    const transaction = await app.inject({ method: 'POST', url: '/fhir', headers: { 'content-type': FHIR_JSON }, payload: JSON.stringify(bundle) });
    expect(transaction.statusCode).toBe(400);
    expect(transaction.json().resourceType).toBe('OperationOutcome');
  });
}, ENGINE_ONLY);
