import type { FastifyInstance } from 'fastify';
import { describeEachStore } from '../support/app.ts';
import { accessTokenFor, assertionFor, requestToken, strangerKey } from './oauth-requests.ts';

const AGB = 'http://fhir.nl/fhir/NamingSystem/agb-z';
const KVK = 'http://fhir.nl/fhir/NamingSystem/kvk';

describeEachStore(
  'client registration: the admin API',
  (t) => {
    const app = () => t().app;
    let adminToken: string;

    beforeAll(async () => {
      adminToken = await accessTokenFor(t().app, 'demo-admin');
    });

    function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object, token: string | undefined = adminToken) {
      return app().inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    }

    async function registration(clientId: string, overrides: Record<string, unknown> = {}) {
      const key = await strangerKey('ES384');
      const body = {
        clientId,
        name: `HIS ${clientId}`,
        role: 'first-line',
        organization: { identifier: { system: AGB, value: '01888801' }, name: 'Huisartsenpraktijk Testlaan' },
        scopes: 'system/*.cruds',
        jwks: { keys: [key.publicJwk] },
        ...overrides,
      };
      return { body, key };
    }

    async function organizationsWith(a: FastifyInstance, system: string, value: string): Promise<string[]> {
      const res = await a.inject({ method: 'GET', url: `/fhir/Organization?identifier=${encodeURIComponent(`${system}|${value}`)}`, headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.statusCode).toBe(200);
      return (res.json().entry ?? []).map((e: { resource: { id: string } }) => e.resource.id);
    }

    function expectOutcome(res: Awaited<ReturnType<typeof call>>, status: number, pattern?: RegExp): void {
      expect(res.statusCode).toBe(status);
      const outcome = res.json();
      expect(outcome.resourceType).toBe('OperationOutcome');
      if (pattern) expect(JSON.stringify(outcome.issue)).toMatch(pattern);
    }

    it('needs a token (401) and the admin role (403)', async () => {
      const none = await call('GET', '/admin/clients', undefined, '');
      expectOutcome(none, 401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      expectOutcome(await call('GET', '/admin/clients', undefined, 'not-a-token'), 401);
      const practice = await accessTokenFor(app(), 'demo-huisarts');
      expectOutcome(await call('GET', '/admin/clients', undefined, practice), 403);
      const { body } = await registration('forbidden-client');
      expectOutcome(await call('POST', '/admin/clients', body, practice), 403);
      expectOutcome(await call('POST', '/admin/clients', { nonsense: true }, ''), 401);
    });

    it('lists the clients with their public keys only', async () => {
      const res = await call('GET', '/admin/clients');
      expect(res.statusCode).toBe(200);
      const ids = res.json().clients.map((c: { clientId: string }) => c.clientId);
      expect(ids).toEqual(expect.arrayContaining(['demo-admin', 'demo-huisarts', 'demo-welzijn']));
      expect(res.body).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
    });

    it('registers a client (201), records its organisation once, and the client gets a working token', async () => {
      const { body, key } = await registration('his-testlaan');
      const created = await call('POST', '/admin/clients', body);
      expect(created.statusCode).toBe(201);
      expect(created.headers.location).toBe('/admin/clients/his-testlaan');
      const client = created.json();
      expect(client).toMatchObject({ clientId: 'his-testlaan', role: 'first-line', scopes: 'system/*.cruds', active: true });
      expect(client.jwks.keys[0]).not.toHaveProperty('d');
      const [orgId] = await organizationsWith(app(), AGB, '01888801');
      expect(client.organization.reference).toBe(`Organization/${orgId}`);
      const org = await app().inject({ method: 'GET', url: `/fhir/Organization/${orgId}`, headers: { authorization: `Bearer ${adminToken}` } });
      expect(org.json()).toMatchObject({ name: 'Huisartsenpraktijk Testlaan', active: true, type: [{ coding: [{ system: 'urn:oid:2.16.840.1.113883.2.4.15.1060', code: 'Z3' }] }] });

      // A second client of the same practice joins the same Organization.
      const second = await registration('poh-testlaan');
      expect((await call('POST', '/admin/clients', second.body)).json().organization.reference).toBe(`Organization/${orgId}`);
      expect(await organizationsWith(app(), AGB, '01888801')).toEqual([orgId]);

      const token = await requestToken(app(), await assertionFor(app(), 'his-testlaan', { key: key.privateJwk }));
      expect(token.statusCode).toBe(200);
      const read = await app().inject({ method: 'GET', url: `/fhir/Organization/${orgId}`, headers: { authorization: `Bearer ${token.json().access_token}` } });
      expect(read.statusCode).toBe(200);
    });

    it('creates one Organization when two registrations of a new organisation race', async () => {
      const org = { identifier: { system: KVK, value: '99887766' }, name: 'Stichting Gelijktijdig' };
      const [a, b] = await Promise.all([registration('race-a', { role: 'social-domain', organization: org }), registration('race-b', { role: 'social-domain', organization: org })]);
      const [ra, rb] = await Promise.all([call('POST', '/admin/clients', a.body), call('POST', '/admin/clients', b.body)]);
      expect([ra.statusCode, rb.statusCode]).toEqual([201, 201]);
      expect(ra.json().organization.reference).toBe(rb.json().organization.reference);
      expect(await organizationsWith(app(), KVK, '99887766')).toHaveLength(1);
    });

    it('refuses a private key, a key without kid or with another algorithm, and unknown scopes (400, OperationOutcome)', async () => {
      const { body, key } = await registration('bad-keys');
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: { keys: [key.privateJwk] } }), 400, /private key material/);
      const { kid: _kid, ...noKid } = key.publicJwk;
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: { keys: [noKid] } }), 400, /kid/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: { keys: [{ ...key.publicJwk, alg: 'RS256' }] } }), 400, /alg/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: { keys: [{ ...key.publicJwk, x: 'AAAA' }] } }), 400, /cannot be read/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: { keys: [] } }), 400);
      expectOutcome(await call('POST', '/admin/clients', { ...body, jwks: 'https://example.org/jwks' }), 400);
      expectOutcome(await call('POST', '/admin/clients', { ...body, scopes: 'system/*.cruds patient/*.read launch' }), 400, /unknown scopes/);
      expect((await call('GET', '/admin/clients/bad-keys')).statusCode).toBe(404);
    });

    it('refuses a registration without organisation, with an unknown identifier system or role, and a duplicate id', async () => {
      const { body } = await registration('bad-org');
      const { organization: _org, ...withoutOrg } = body;
      expectOutcome(await call('POST', '/admin/clients', withoutOrg), 400, /organization/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, organization: { identifier: { system: 'http://example.org/ids', value: '1' }, name: 'X' } }), 400, /system/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, organization: { identifier: { system: AGB, value: '12' }, name: 'X' } }), 400, /form/);
      expectOutcome(await call('POST', '/admin/clients', { ...body, role: 'superuser' }), 400);
      expectOutcome(await call('POST', '/admin/clients', { ...body, clientId: 'demo-huisarts' }), 409);
    });

    it('reads, changes and disables a client; a disabled client gets no token', async () => {
      const { body, key } = await registration('his-wissel', { organization: { identifier: { system: AGB, value: '01777701' }, name: 'Praktijk Wissel' } });
      expect((await call('POST', '/admin/clients', body)).statusCode).toBe(201);
      expect((await call('GET', '/admin/clients/his-wissel')).json().name).toBe('HIS his-wissel');
      const { clientId: _id, ...update } = body;
      const changed = await call('PUT', '/admin/clients/his-wissel', { ...update, scopes: 'system/Task.rs' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().scopes).toBe('system/Task.rs');
      const token = await requestToken(app(), await assertionFor(app(), 'his-wissel', { key: key.privateJwk }));
      expect(token.json().scope).toBe('system/Task.rs');
      expectOutcome(await call('PUT', '/admin/clients/his-wissel', { ...update, clientId: 'other' }), 400);
      expectOutcome(await call('PUT', '/admin/clients/nobody', update), 404);

      const disabled = await call('DELETE', '/admin/clients/his-wissel');
      expect(disabled.statusCode).toBe(200);
      expect(disabled.json().active).toBe(false);
      const refused = await requestToken(app(), await assertionFor(app(), 'his-wissel', { key: key.privateJwk }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toBe('invalid_client');
      expectOutcome(await call('DELETE', '/admin/clients/nobody'), 404);
      // A change leaves a disabled client disabled; enabling it again is said out loud.
      expect((await call('PUT', '/admin/clients/his-wissel', update)).json().active).toBe(false);
      expect((await call('PUT', '/admin/clients/his-wissel', { ...update, active: true })).json().active).toBe(true);
    });

    it('registers an admin client without organisation and a municipality by its CBS code', async () => {
      const admin = await registration('ops-tool', { role: 'admin' });
      const { organization: _org, ...adminBody } = admin.body;
      const created = await call('POST', '/admin/clients', adminBody);
      expect(created.statusCode).toBe(201);
      expect(created.json()).not.toHaveProperty('organization');
      const gemeente = await registration('gemeente-test', {
        role: 'municipality',
        scopes: 'system/MeasureReport.rs',
        organization: { identifier: { system: 'https://brug.example.org/fhir/CodeSystem/brug-gemeente', value: 'GM0363' }, name: 'Gemeente Test' },
      });
      expect((await call('POST', '/admin/clients', gemeente.body)).statusCode).toBe(201);
    });
  },
  { security: true },
);
