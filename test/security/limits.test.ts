/**
 * Every limit of the README's "Limits" table, through HTTP: just under it passes, just over it is refused with the
 * documented status and an OperationOutcome that names the limit (variable and value) and, where there is one, the
 * element. The limits are set low here so that "just over" is cheap; the defaults have their own test.
 */
import { request as httpRequest } from 'node:http';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_LIMITS, LIMIT_NAMES } from '../../src/fhir/limits.ts';
import { describeEachStore, FHIR_JSON, type TestApp } from '../support/app.ts';

interface Reply {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

const LIMITS = {
  MAX_BUNDLE_ENTRIES: '5',
  MAX_CONTAINED: '3',
  MAX_ARRAY_ITEMS: '100',
  MAX_SORT_KEYS: '3',
  MAX_INCLUDES: '2',
  MAX_INCLUDED_RESOURCES: '2',
  MAX_CHAIN_DEPTH: '2',
  MAX_HAS_DEPTH: '1',
  MAX_PARAMETER_REPEATS: '4',
  MAX_URL_BYTES: '1024',
  MAX_HEADER_BYTES: '4096',
  MAX_JSON_DEPTH: '12',
};

/** The refusal's status, that it is an OperationOutcome, and its diagnostics and expressions. */
function refusal(res: Reply, status: number): { text: string; expression: string[] } {
  expect({ status: res.statusCode, body: res.body.slice(0, 300) }).toEqual({ status, body: expect.any(String) });
  expect(String(res.headers['content-type'])).toMatch(/^application\/fhir\+json/);
  const body = JSON.parse(res.body) as { resourceType: string; issue: { diagnostics: string; expression?: string[] }[] };
  expect(body.resourceType).toBe('OperationOutcome');
  return { text: body.issue.map((i) => i.diagnostics).join(' '), expression: body.issue.flatMap((i) => i.expression ?? []) };
}

function ok(res: Reply): void {
  expect({ status: res.statusCode < 300, body: res.body.slice(0, 300) }).toEqual({ status: true, body: expect.any(String) });
}

const post = (t: TestApp, url: string, body: unknown, contentType = FHIR_JSON) =>
  t.app.inject({ method: 'POST', url, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });
const get = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });

const patient = (n: number) => ({ resourceType: 'Patient', id: `p${n}`, name: [{ family: `Limit${n}` }] });
const bundle = (type: string, n: number) => ({
  resourceType: 'Bundle', type, entry: Array.from({ length: n }, (_, i) => ({ resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' }, fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })),
});

/** Sends raw bytes over a real socket: `inject` does not pass Node's HTTP parser. */
function rawRequest(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('limits: defaults', () => {
  it('are the agreed values, and each is named by the variable that sets it', () => {
    expect(loadConfig({}).limits).toEqual({
      maxBundleEntries: 1000, maxContained: 100, maxArrayItems: 10_000, maxSortKeys: 5, maxIncludes: 10, maxIncludedResources: 1000,
      maxChainDepth: 3, maxHasDepth: 2, maxParameterRepeats: 50, maxParameterValues: 100, maxUrlBytes: 8192, maxHeaderBytes: 16_384,
    });
    expect(loadConfig({}).maxJsonDepth).toBe(DEFAULT_LIMITS.maxJsonDepth);
    const { maxJsonDepth: _depth, ...engineLimits } = DEFAULT_LIMITS;
    expect(loadConfig({}).limits).toMatchObject(engineLimits);
    // The names in refusals are the names the configuration reads.
    for (const name of Object.values(LIMIT_NAMES)) expect(() => loadConfig({ [name]: 'x' })).toThrow(new RegExp(`^${name} must be a whole number`));
    expect(() => loadConfig({ MAX_BUNDLE_ENTRIES: 'many' })).toThrow(/MAX_BUNDLE_ENTRIES must be a whole number/);
    expect(loadConfig({ MAX_SORT_KEYS: '2' }).limits.maxSortKeys).toBe(2);
  });
});

describeEachStore(
  'limits: each one just under passes, just over is refused naming it',
  (t) => {
    it('MAX_BUNDLE_ENTRIES: 413 on Bundle.entry, for transaction and batch', async () => {
      ok(await post(t(), '/fhir', bundle('transaction', 5)));
      for (const type of ['transaction', 'batch']) {
        const { text, expression } = refusal(await post(t(), '/fhir', bundle(type, 6)), 413);
        expect(text).toMatch(/6 entries.*at most 5.*MAX_BUNDLE_ENTRIES=5/);
        expect(expression).toEqual(['Bundle.entry']);
      }
    });

    it('contained: a list of resources (400), no nesting (dom-2, 400), at most MAX_CONTAINED (413)', async () => {
      const contained = (n: number) => Array.from({ length: n }, (_, i) => ({ resourceType: 'Organization', id: `o${i}`, name: 'x' }));
      const withContained = (c: unknown) => ({ resourceType: 'Patient', contained: c, managingOrganization: { reference: '#o0' }, generalPractitioner: [{ reference: '#o1' }, { reference: '#o2' }] });
      ok(await post(t(), '/fhir/Patient', withContained(contained(3))));
      const many = refusal(await post(t(), '/fhir/Patient', withContained(contained(4))), 413);
      expect(many.text).toMatch(/4 contained resources.*at most 3.*MAX_CONTAINED=3/);
      expect(many.expression).toEqual(['Patient.contained']);
      for (const shape of [{ resourceType: 'Organization', id: 'o0' }, 'o0', 7]) {
        expect(refusal(await post(t(), '/fhir/Patient', withContained(shape)), 400).expression).toEqual(['Patient.contained']);
      }
      expect(refusal(await post(t(), '/fhir/Patient', withContained([null])), 400).expression).toEqual(['Patient.contained[0]']);
      const nested = withContained([{ resourceType: 'Organization', id: 'o0', contained: [{ resourceType: 'Organization', id: 'inner' }] }]);
      const dom2 = refusal(await post(t(), '/fhir/Patient', nested), 400);
      expect(dom2.text).toMatch(/dom-2/);
      expect(dom2.expression).toEqual(['Patient.contained[0].contained']);
      // In a Bundle the same refusal names the entry.
      const inBundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: nested, request: { method: 'POST', url: 'Patient' } }] };
      expect(refusal(await post(t(), '/fhir', inBundle), 400).expression).toContain('Bundle.entry[0].resource.contained[0].contained');
    });

    it('MAX_ARRAY_ITEMS: 413 for a longer list anywhere in the body, also in a JSON Patch inside a Bundle', async () => {
      const given = (n: number) => ({ resourceType: 'Patient', name: [{ given: Array.from({ length: n }, () => 'a') }] });
      ok(await post(t(), '/fhir/Patient', given(100)));
      expect(refusal(await post(t(), '/fhir/Patient', given(101)), 413).text).toMatch(/more than 100 items \(MAX_ARRAY_ITEMS=100\)/);
      const ops = Array.from({ length: 101 }, () => ({ op: 'test', path: '/id', value: 'p0' }));
      const data = Buffer.from(JSON.stringify(ops)).toString('base64');
      const patchBundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data }, request: { method: 'PATCH', url: 'Patient/p0' } }] };
      const refused = refusal(await post(t(), '/fhir', patchBundle), 413);
      expect(refused.text).toMatch(/MAX_ARRAY_ITEMS=100/);
      expect(refused.expression).toContain('Bundle.entry[0].resource.data');
    });

    it('MAX_JSON_DEPTH: also for a JSON Patch inside a Bundle, and for what a patch builds', async () => {
      await t().app.inject({ method: 'PUT', url: '/fhir/Patient/p0', payload: JSON.stringify(patient(0)), headers: { 'content-type': FHIR_JSON } });
      const deep = (n: number): unknown => (n === 0 ? 'x' : [deep(n - 1)]);
      const data = Buffer.from(JSON.stringify([{ op: 'add', path: '/extension', value: deep(12) }])).toString('base64');
      const patchBundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data }, request: { method: 'PATCH', url: 'Patient/p0' } }] };
      expect(refusal(await post(t(), '/fhir', patchBundle), 400).text).toMatch(/deeper than 12 levels \(MAX_JSON_DEPTH=12\)/);
      // Each move nests the name one level deeper: the patch body is shallow, the result is not.
      const moves = Array.from({ length: 12 }, () => [{ op: 'add', path: '/x', value: {} }, { op: 'move', from: '/name', path: '/x/name' }, { op: 'move', from: '/x', path: '/name' }]).flat();
      const res = await t().app.inject({ method: 'PATCH', url: '/fhir/Patient/p0', payload: JSON.stringify(moves), headers: { 'content-type': 'application/json-patch+json' } });
      expect(refusal(res, 413).text).toMatch(/nest deeper than 12 levels \(MAX_JSON_DEPTH=12\)/);
    });

    it('a JSON Patch that copies the resource into itself is refused before it grows', async () => {
      await t().app.inject({ method: 'PUT', url: '/fhir/Patient/p1', payload: JSON.stringify({ ...patient(1), name: [{ given: Array.from({ length: 100 }, () => 'a') }] }), headers: { 'content-type': FHIR_JSON } });
      const copies = [{ op: 'add', path: '/extension', value: [] }, ...Array.from({ length: 40 }, () => ({ op: 'copy', from: '', path: '/extension/0' }))];
      const res = await t().app.inject({ method: 'PATCH', url: '/fhir/Patient/p1', payload: JSON.stringify(copies), headers: { 'content-type': 'application/json-patch+json' } });
      expect(refusal(res, 413).text).toMatch(/operation \d+ would make it (?:larger than 5242880 bytes \(BODY_LIMIT_BYTES=5242880\)|more than 250000 values)/);
    });

    it('BODY_LIMIT_BYTES bounds what JSON Patch copies build, and the server answers others meanwhile', async () => {
      const port = Number(new URL(t().baseUrl).port);
      await t().app.inject({ method: 'PUT', url: '/fhir/Patient/p2', payload: JSON.stringify(patient(2)), headers: { 'content-type': FHIR_JSON } });
      // 31 KB that would double a 1000-character string thirty times: a terabyte.
      const doubling = [{ op: 'add', path: '/x', value: { a: 'x'.repeat(1000) } }, ...Array.from({ length: 30 }, (_, i) => ({ op: 'copy', from: '/x', path: `/x/k${i}` }))];
      const patching = fetch(`http://127.0.0.1:${port}/fhir/Patient/p2`, { method: 'PATCH', body: JSON.stringify(doubling), headers: { 'content-type': 'application/json-patch+json' } });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const res = await patching;
      const { text } = refusal({ statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) }, 413);
      expect(text).toMatch(/operation 1\d would make it larger than 5242880 bytes \(BODY_LIMIT_BYTES=5242880\)/);
      // A copy of a small value is what patches do every day.
      const small = [{ op: 'add', path: '/telecom', value: [{ system: 'phone', value: '0201234567' }] }, { op: 'copy', from: '/telecom/0', path: '/telecom/-' }];
      const copied = await t().app.inject({ method: 'PATCH', url: '/fhir/Patient/p2', payload: JSON.stringify(small), headers: { 'content-type': 'application/json-patch+json' } });
      ok(copied);
      expect(copied.json().telecom).toHaveLength(2);
    });

    it('MAX_SORT_KEYS and the same key twice: 400 on _sort', async () => {
      ok(await get(t(), '/fhir/Patient?_sort=family,-birthdate,_id'));
      const many = refusal(await get(t(), '/fhir/Patient?_sort=family,-birthdate,_id,gender'), 400);
      expect(many.text).toMatch(/4 sort keys, more than 3 \(MAX_SORT_KEYS=3\)/);
      expect(many.expression).toEqual(['_sort']);
      expect(refusal(await get(t(), '/fhir/Patient?_sort=family,-family'), 400).text).toMatch(/"family" twice/);
    });

    it('MAX_INCLUDES: 400 beyond it, counting _include and _revinclude together', async () => {
      ok(await get(t(), '/fhir/Patient?_include=Patient:organization&_revinclude=Task:patient'));
      const { text, expression } = refusal(await get(t(), '/fhir/Patient?_include=Patient:organization&_revinclude=Task:patient&_include:iterate=Patient:link'), 400);
      expect(text).toMatch(/MAX_INCLUDES=2/);
      expect(expression).toEqual(['_include:iterate']);
    });

    it('MAX_INCLUDED_RESOURCES: the page stops there with a warning naming the limit', async () => {
      const orgs = Array.from({ length: 3 }, (_, i) => ({ resourceType: 'Organization', id: `inc-${i}`, name: 'x' }));
      for (const org of orgs) await t().app.inject({ method: 'PUT', url: `/fhir/Organization/${org.id}`, payload: JSON.stringify(org), headers: { 'content-type': FHIR_JSON } });
      const pat = (id: string, n: number) => ({ resourceType: 'Patient', id, name: [{ family: 'Included' }], managingOrganization: { reference: `Organization/inc-${n}` } });
      for (let i = 0; i < 3; i++) await t().app.inject({ method: 'PUT', url: `/fhir/Patient/inc-${i}`, payload: JSON.stringify(pat(`inc-${i}`, i)), headers: { 'content-type': FHIR_JSON } });
      const two = (await get(t(), '/fhir/Patient?family=Included&_id=inc-0,inc-1&_include=Patient:organization')).json();
      expect(two.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include')).toHaveLength(2);
      expect(two.entry.some((e: { search: { mode: string } }) => e.search.mode === 'outcome')).toBe(false);
      const three = (await get(t(), '/fhir/Patient?family=Included&_include=Patient:organization')).json();
      expect(three.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include')).toHaveLength(2);
      const warning = three.entry.find((e: { search: { mode: string } }) => e.search.mode === 'outcome').resource.issue[0];
      expect(warning).toMatchObject({ severity: 'warning', code: 'too-costly', expression: ['_include'] });
      expect(warning.diagnostics).toMatch(/MAX_INCLUDED_RESOURCES=2/);
    });

    it('MAX_CHAIN_DEPTH and MAX_HAS_DEPTH: 400 naming the parameter', async () => {
      ok(await get(t(), '/fhir/Task?subject:Patient.organization.name=x'));
      const chain = refusal(await get(t(), '/fhir/Task?subject:Patient.organization.partof.name=x'), 400);
      expect(chain.text).toMatch(/3 links, more than 2 \(MAX_CHAIN_DEPTH=2\)/);
      expect(chain.expression).toEqual(['subject:Patient.organization.partof.name']);
      ok(await get(t(), '/fhir/Patient?_has:Task:patient:status=requested'));
      expect(refusal(await get(t(), '/fhir/Patient?_has:Task:patient:_has:Task:part-of:status=x'), 400).text).toMatch(/MAX_HAS_DEPTH=1/);
    });

    it('MAX_PARAMETER_REPEATS: 400 naming the parameter, also in a POST _search form', async () => {
      ok(await get(t(), `/fhir/Patient?${Array.from({ length: 4 }, () => 'family=x').join('&')}`));
      const { text, expression } = refusal(await get(t(), `/fhir/Patient?${Array.from({ length: 5 }, () => 'family=x').join('&')}`), 400);
      expect(text).toMatch(/repeated more than 4 times \(MAX_PARAMETER_REPEATS=4\)/);
      expect(expression).toEqual(['family']);
      const form = Array.from({ length: 5 }, () => 'given=x').join('&');
      expect(refusal(await post(t(), '/fhir/Patient/_search', form, 'application/x-www-form-urlencoded'), 400).text).toMatch(/MAX_PARAMETER_REPEATS=4/);
    });

    it('MAX_URL_BYTES: 414 over a real socket, naming the limit', async () => {
      const port = Number(new URL(t().baseUrl).port);
      const path = (n: number) => `/fhir/Patient?family=${'x'.repeat(n - '/fhir/Patient?family='.length)}`;
      ok(await rawRequest(port, path(1024)));
      const { text } = refusal(await rawRequest(port, path(1025)), 414);
      expect(text).toMatch(/1025 bytes.*at most 1024 \(MAX_URL_BYTES=1024\)/);
    });

    it('MAX_HEADER_BYTES: 431 over a real socket as an OperationOutcome, and the server answers right after', async () => {
      const port = Number(new URL(t().baseUrl).port);
      ok(await rawRequest(port, '/fhir/Patient', { 'x-padding': 'y'.repeat(3000) }));
      const res = await rawRequest(port, '/fhir/Patient', { 'x-padding': 'y'.repeat(5000) });
      expect(refusal(res, 431).text).toMatch(/MAX_HEADER_BYTES=4096/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const many = await rawRequest(port, '/fhir/Patient', Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'.repeat(20)])));
      expect(refusal(many, 431).text).toMatch(/MAX_HEADER_BYTES/);
      ok(await rawRequest(port, '/fhir/metadata'));
    });
  },
  { listen: true, env: { REQUIRE_PROFILES: 'false', ...LIMITS } },
);
