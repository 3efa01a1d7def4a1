import type { FastifyInstance } from 'fastify';
import { describeEachStore, FHIR_JSON } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';

interface Reply {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}

/** A client of its own for each test, so that one test's requests do not spend another's rate budget. */
async function bearer(app: FastifyInstance, clientId: string): Promise<{ authorization: string }> {
  if (!(await app.security.clients.get(clientId))) {
    await app.security.clients.save({ clientId, name: clientId, role: 'admin', scopes: 'system/*.*', jwks: { keys: [] }, active: true });
  }
  return { authorization: `Bearer ${await tokenFor(app, clientId)}` };
}

function expectOutcome(res: Reply, status: number): string {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/fhir\+json/);
  const body = JSON.parse(res.body);
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue.map((i: { diagnostics: string }) => i.diagnostics).join(' ');
}

function nestedExtension(levels: number): unknown {
  let ext: Record<string, unknown> = { url: 'http://example.org/leaf', valueString: 'x' };
  for (let i = 1; i < levels; i++) ext = { url: `http://example.org/level-${i}`, extension: [ext] };
  return ext;
}

describeEachStore(
  'hardening: limits and security headers',
  (t) => {
    it('answers 413 with an OperationOutcome for a body over BODY_LIMIT_BYTES', async () => {
      const big = JSON.stringify({ resourceType: 'Patient', name: [{ text: 'x'.repeat(4096) }] });
      const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: big, headers: { 'content-type': FHIR_JSON, ...(await bearer(t().app, 'limit-413')) } });
      expect(expectOutcome(res, 413)).toMatch(/too large/);
    });

    it.each([
      ['POST', '/fhir/Patient', FHIR_JSON],
      ['POST', '/fhir/Patient', 'application/json'],
      ['PATCH', '/fhir/Patient/p1', 'application/json-patch+json'],
      ['POST', '/fhir', 'application/fhir+json; charset=utf-8'],
    ])('refuses JSON nested deeper than MAX_JSON_DEPTH: %s %s as %s', async (method, url, contentType) => {
      const deep = '['.repeat(21) + ']'.repeat(21);
      const res = await t().app.inject({ method: method as 'POST', url, payload: deep, headers: { 'content-type': contentType, ...(await bearer(t().app, 'limit-depth')) } });
      expect(expectOutcome(res, 400)).toMatch(/deeper than 20 levels/);
    });

    it('refuses a deep body before reading who sends it, and accepts nesting up to the limit', async () => {
      const tooDeep = JSON.stringify({ resourceType: 'Patient', extension: [nestedExtension(10)] });
      expect(expectOutcome(await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: tooDeep, headers: { 'content-type': FHIR_JSON } }), 400)).toMatch(/deeper/);
      // Patient { extension [ {…} ] }: 1 + 2 per level, so 9 levels is depth 19.
      const deepEnough = JSON.stringify({ resourceType: 'Patient', extension: [nestedExtension(9)] });
      const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: deepEnough, headers: { 'content-type': FHIR_JSON, ...(await bearer(t().app, 'limit-depth-ok')) } });
      expect(res.body).not.toMatch(/deeper/);
      expect(res.statusCode).toBe(201);
    });

    it('refuses the NUL character in a search value or a resource with 400, not a server error (found by the fuzz test)', async () => {
      const auth = await bearer(t().app, 'nul');
      const search = await t().app.inject({ method: 'GET', url: '/fhir/Patient?name=a%00b', headers: auth });
      expect(expectOutcome(search, 400)).toMatch(/U\+0000/);
      const write = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Patient","name":[{"family":"a\\u0000b"}]}', headers: { 'content-type': FHIR_JSON, ...auth } });
      expect(expectOutcome(write, 400)).toMatch(/U\+0000/);
    });

    it('names no library in the codes of its refusals (found by the fuzz test)', async () => {
      const res = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{}', headers: { 'content-type': 'application/', ...(await bearer(t().app, 'codes')) } });
      expectOutcome(res, 415);
      expect(res.body).not.toMatch(/FST_|fastify/i);
      expect(res.json().issue[0].details.coding[0].code).toBe('BRUG_FHIR_UNSUPPORTED_MEDIA_TYPE');
    });

    it('sets the security headers on successes, refusals, unknown routes and health checks', async () => {
      const auth = await bearer(t().app, 'headers');
      const responses = [
        await t().app.inject({ method: 'GET', url: '/fhir/metadata' }),
        await t().app.inject({ method: 'GET', url: '/fhir/Patient', headers: auth }),
        await t().app.inject({ method: 'GET', url: '/fhir/Patient' }),
        await t().app.inject({ method: 'GET', url: '/no-such-page' }),
        await t().app.inject({ method: 'GET', url: '/fhir/Patient/%E0%A4%A', headers: auth }),
        await t().app.inject({ method: 'GET', url: '/healthz' }),
      ];
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 400, 200]);
      for (const res of responses) {
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'cache-control': 'no-store',
        });
        // The service is reached over http here: no HSTS, which would only be ignored or, behind a proxy, wrong.
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('still answers a conditional read with 304 although responses are not stored in caches', async () => {
      const auth = await bearer(t().app, 'conditional');
      const created = await t().app.inject({ method: 'POST', url: '/fhir/Patient', payload: '{"resourceType":"Patient"}', headers: { 'content-type': FHIR_JSON, ...auth } });
      expect(created.statusCode).toBe(201);
      const url = `/fhir/Patient/${created.json().id}`;
      const read = await t().app.inject({ method: 'GET', url, headers: auth });
      expect(read.headers['cache-control']).toBe('no-store');
      const etag = String(read.headers.etag);
      expect(etag).toMatch(/^W\/"1"$/);
      const again = await t().app.inject({ method: 'GET', url, headers: { ...auth, 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('has no CORS unless origins are configured', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { origin: 'https://his.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t().app.inject({
        method: 'OPTIONS', url: '/fhir/Patient', headers: { origin: 'https://his.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expectOutcome(preflight, 404);
    });
  },
  { security: true, env: { BODY_LIMIT_BYTES: '2048', MAX_JSON_DEPTH: '20' } },
);

describeEachStore(
  'hardening: per-client rate limit',
  (t) => {
    it('answers the 6th request within a minute with 429 and Retry-After, and leaves other clients alone', async () => {
      const busy = await bearer(t().app, 'rate-busy');
      const quiet = await bearer(t().app, 'rate-quiet');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await t().app.inject({ method: 'GET', url: '/fhir/Patient', headers: busy })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      const sixth = await t().app.inject({ method: 'GET', url: '/fhir/Patient', headers: busy });
      expect(expectOutcome(sixth, 429)).toMatch(/rate-busy/);
      // 5 per minute is a token every 12 seconds.
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(12);
      expect((await t().app.inject({ method: 'GET', url: '/fhir/Patient', headers: quiet })).statusCode).toBe(200);
    });
  },
  { security: true, env: { RATE_LIMIT_PER_MINUTE: '5' } },
);

describeEachStore(
  'hardening: CORS for configured origins, HSTS over https',
  (t) => {
    it('allows a preflight from a configured origin with the FHIR headers and methods', async () => {
      const res = await t().app.inject({
        method: 'OPTIONS',
        url: '/fhir/Patient',
        headers: { origin: 'https://his.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, if-match' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://his.example');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(res.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
      expect(String(res.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(
        ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Match', 'If-None-Exist', 'If-Modified-Since', 'Prefer', 'X-Request-Id'],
      );
    });

    it('does not allow a preflight from another origin, and answers a bare OPTIONS without reaching the FHIR routes', async () => {
      const other = await t().app.inject({ method: 'OPTIONS', url: '/fhir/Patient', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const bare = await t().app.inject({ method: 'OPTIONS', url: '/fhir/Patient/123' });
      expect([404, 405]).not.toContain(bare.statusCode);
      expect(bare.statusCode).toBeLessThan(300);
    });

    it('lets the configured origin read the FHIR response headers', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { origin: 'https://his.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://his.example');
      expect(String(res.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(['ETag', 'Location', 'Content-Location', 'Last-Modified', 'X-Request-Id']);
      expect(String(res.headers.vary)).toMatch(/Origin/i);
      const refused = await t().app.inject({ method: 'GET', url: '/fhir/metadata', headers: { origin: 'https://evil.example' } });
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sends Strict-Transport-Security when the base URL is https', async () => {
      const res = await t().app.inject({ method: 'GET', url: '/fhir/metadata' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    });
  },
  { security: true, env: { CORS_ORIGINS: 'https://his.example', BASE_URL: 'https://brug.example/fhir' } },
);
