import { decodeJwt } from 'jose';
import { describeEachStore } from '../support/app.ts';
import { DEMO_ORGANIZATIONS } from '../../src/security/oauth/index.ts';
import { accessTokenFor, assertionFor, demoKey, FORM, JWT_BEARER, requestToken, strangerKey, tokenRequest, unsignedJwt } from './oauth-requests.ts';

describeEachStore(
  'SMART Backend Services token endpoint',
  (t) => {
    const app = () => t().app;

    describe('discovery', () => {
      it('publishes .well-known/smart-configuration without a token, and the server keys at jwks_uri', async () => {
        const res = await app().inject({ method: 'GET', url: '/fhir/.well-known/smart-configuration' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const config = res.json();
        expect(config).toMatchObject({
          token_endpoint: t().config.tokenUrl,
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
          grant_types_supported: ['client_credentials'],
        });
        expect(config.capabilities).toEqual(expect.arrayContaining(['client-confidential-asymmetric', 'permission-v1', 'permission-v2']));
        expect(config.scopes_supported).toContain('system/*.cruds');
        const jwksPath = new URL(config.jwks_uri).pathname;
        const jwks = await app().inject({ method: 'GET', url: jwksPath });
        expect(jwks.statusCode).toBe(200);
        const keys = jwks.json().keys as Record<string, unknown>[];
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(key).not.toHaveProperty('d');
      });

      it('declares SMART on FHIR with the token endpoint in the CapabilityStatement', async () => {
        const res = await app().inject({ method: 'GET', url: '/fhir/metadata' });
        expect(res.statusCode).toBe(200);
        const security = res.json().rest[0].security;
        expect(security.service[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' });
        const oauth = security.extension.find((e: { url: string }) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
        expect(oauth.extension).toEqual([{ url: 'token', valueUri: t().config.tokenUrl }]);
      });
    });

    describe('granted', () => {
      it.each([
        ['demo-huisarts', 'RS384'],
        ['demo-welzijn', 'ES384'],
      ])('gives %s (%s) a bearer token that works on the FHIR API', async (clientId, alg) => {
        expect(demoKey(clientId).alg).toBe(alg);
        const res = await requestToken(app(), await assertionFor(app(), clientId));
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.pragma).toBe('no-cache');
        const body = res.json();
        expect(body).toMatchObject({ token_type: 'bearer', expires_in: t().config.accessTokenTtlSeconds });
        expect(body.scope).toMatch(/^system\//);
        const claims = decodeJwt(body.access_token);
        expect(claims.sub).toBe(clientId);
        const search = await app().inject({ method: 'GET', url: '/fhir/Organization', headers: { authorization: `Bearer ${body.access_token}` } });
        expect(search.statusCode).toBe(200);
        expect(search.json().resourceType).toBe('Bundle');
      });

      it('accepts the SMART v1 scope form and answers in v2 form', async () => {
        const res = await requestToken(app(), await assertionFor(app(), 'demo-gemeente'), 'system/*.read');
        expect(res.statusCode).toBe(200);
        expect(res.json().scope).toBe('system/*.rs');
      });

      it('carries the acting professional named in the assertion into the access token', async () => {
        const practitioner = 'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers|123456789';
        const res = await requestToken(app(), await assertionFor(app(), 'demo-poh', { claims: { brug_practitioner: practitioner } }));
        expect(res.statusCode).toBe(200);
        expect(decodeJwt(res.json().access_token).brug_practitioner).toBe(practitioner);
      });

      it('tells the audit trail of granted and refused token requests', async () => {
        const spy = jest.spyOn(app().security.audit, 'recordTokenRequest');
        try {
          await requestToken(app(), await assertionFor(app(), 'demo-welzijn'));
          await requestToken(app(), await assertionFor(app(), 'demo-welzijn', { claims: { aud: 'https://elsewhere.example/token' } }));
          expect(spy.mock.calls.map(([r]) => [r.clientId, r.outcome])).toEqual([
            ['demo-welzijn', 'granted'],
            ['demo-welzijn', 'refused'],
          ]);
          expect(spy.mock.calls[0]![0].organization?.reference).toBe(`Organization/${DEMO_ORGANIZATIONS.welfare.id}`);
          expect(spy.mock.calls[1]![0].reason).toMatch(/^invalid_client/);
        } finally {
          spy.mockRestore();
        }
      });
    });

    describe('refused client assertions (invalid_client, 400)', () => {
      async function expectRefused(assertion: string, error = 'invalid_client', pattern?: RegExp): Promise<void> {
        const res = await requestToken(app(), assertion);
        expect(res.statusCode).toBe(400);
        expect(res.headers['cache-control']).toBe('no-store');
        const body = res.json();
        expect(body.error).toBe(error);
        expect(typeof body.error_description).toBe('string');
        if (pattern) expect(body.error_description).toMatch(pattern);
        expect(body).not.toHaveProperty('access_token');
      }

      it('refuses an unsigned assertion (alg none)', async () => {
        const now = Math.floor(Date.now() / 1000);
        await expectRefused(unsignedJwt({ iss: 'demo-admin', sub: 'demo-admin', aud: app().oauth.tokenUrl, exp: now + 60, jti: 'none-1' }, { kid: demoKey('demo-admin').kid }), 'invalid_client', /alg/);
      });

      it('refuses an HMAC-signed assertion (HS256)', async () => {
        const { SignJWT } = await import('jose');
        const now = Math.floor(Date.now() / 1000);
        const hs = await new SignJWT({ jti: 'hs-1' })
          .setProtectedHeader({ alg: 'HS256', kid: demoKey('demo-admin').kid })
          .setIssuer('demo-admin').setSubject('demo-admin').setAudience(app().oauth.tokenUrl).setExpirationTime(now + 60)
          .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-for-hs256'));
        await expectRefused(hs, 'invalid_client', /alg/);
      });

      it('refuses an assertion signed by a key the client did not register, even with its kid', async () => {
        const stranger = await strangerKey('RS384', demoKey('demo-huisarts').kid);
        await expectRefused(await assertionFor(app(), 'demo-huisarts', { key: stranger.privateJwk }), 'invalid_client', /signature/);
        const unknownKid = await strangerKey('ES384');
        await expectRefused(await assertionFor(app(), 'demo-welzijn', { key: unknownKid.privateJwk }), 'invalid_client', /kid/);
      });

      it('ignores a jku header pointing at the attacker\'s keys', async () => {
        const stranger = await strangerKey('ES384', demoKey('demo-welzijn').kid);
        await expectRefused(await assertionFor(app(), 'demo-welzijn', { key: stranger.privateJwk, header: { jku: 'https://attacker.example/jwks' } }));
      });

      it('refuses a wrong aud', async () => {
        await expectRefused(await assertionFor(app(), 'demo-huisarts', { claims: { aud: t().config.baseUrl } }), 'invalid_client', /aud/);
      });

      it('refuses iss different from sub', async () => {
        await expectRefused(await assertionFor(app(), 'demo-huisarts', { claims: { sub: 'demo-poh' } }), 'invalid_client', /iss and sub/);
      });

      it('refuses an unknown client', async () => {
        await expectRefused(await assertionFor(app(), 'no-such-client', { key: demoKey('demo-admin') }), 'invalid_client', /not registered/);
      });

      it('refuses exp more than five minutes ahead, a missing exp, and an expired assertion', async () => {
        const now = Math.floor(Date.now() / 1000);
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { exp: now + 3600 } }), 'invalid_client', /5 minutes/);
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { exp: undefined } }), 'invalid_client', /exp/);
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { exp: now - 600 } }), 'invalid_client', /expired/);
      });

      it('refuses a missing jti', async () => {
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { jti: undefined } }), 'invalid_client', /jti/);
      });

      it('refuses a replayed jti', async () => {
        const assertion = await assertionFor(app(), 'demo-welzijn-2');
        expect((await requestToken(app(), assertion)).statusCode).toBe(200);
        await expectRefused(assertion, 'invalid_client', /used before/);
      });

      it('refuses a malformed acting professional (invalid_request)', async () => {
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { brug_practitioner: 'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers|12AB' } }), 'invalid_request', /digits/);
        await expectRefused(await assertionFor(app(), 'demo-poh', { claims: { brug_practitioner: 'http://example.org/ids|123' } }), 'invalid_request', /system/);
      });

      it('refuses garbage where the assertion should be', async () => {
        await expectRefused('not.a.jwt');
        await expectRefused('x');
      });
    });

    describe('scopes', () => {
      it('grants no more than the client is registered for (scope escalation)', async () => {
        const key = await strangerKey('ES384');
        await app().security.clients.save({
          clientId: 'oauth-test-task-reader',
          name: 'Task reader',
          role: 'social-domain',
          organization: { id: DEMO_ORGANIZATIONS.welfare.id, reference: `Organization/${DEMO_ORGANIZATIONS.welfare.id}` },
          scopes: 'system/Task.rs',
          jwks: { keys: [key.publicJwk] },
          active: true,
        });
        const res = await requestToken(app(), await assertionFor(app(), 'oauth-test-task-reader', { key: key.privateJwk }), 'system/*.cruds');
        expect(res.statusCode).toBe(200);
        expect(res.json().scope).toBe('system/Task.rs');
        const token = res.json().access_token as string;
        const create = await app().inject({
          method: 'POST',
          url: '/fhir/Task',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
          payload: { resourceType: 'Task', status: 'requested', intent: 'order' },
        });
        // The 403 comes from the access policy's scope check (interaction.authorize).
        expect(create.statusCode).toBe(403);
        expect(create.json().resourceType).toBe('OperationOutcome');

        const nothing = await requestToken(app(), await assertionFor(app(), 'oauth-test-task-reader', { key: key.privateJwk }), 'system/Patient.rs');
        expect(nothing.statusCode).toBe(400);
        expect(nothing.json().error).toBe('invalid_scope');
      });

      it('needs a scope', async () => {
        const res = await tokenRequest(app(), { grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: await assertionFor(app(), 'demo-admin') });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toBe('invalid_request');
      });
    });

    describe('malformed requests', () => {
      it('refuses another grant type (unsupported_grant_type) and a missing one (invalid_request)', async () => {
        const assertion = await assertionFor(app(), 'demo-admin');
        const other = await tokenRequest(app(), { grant_type: 'authorization_code', client_assertion_type: JWT_BEARER, client_assertion: assertion, scope: 'system/*.rs' });
        expect(other.statusCode).toBe(400);
        expect(other.json().error).toBe('unsupported_grant_type');
        const missing = await tokenRequest(app(), { client_assertion_type: JWT_BEARER, client_assertion: assertion, scope: 'system/*.rs' });
        expect(missing.json().error).toBe('invalid_request');
      });

      it('refuses another client authentication method', async () => {
        const res = await tokenRequest(app(), { grant_type: 'client_credentials', client_id: 'demo-admin', client_secret: 'guess', scope: 'system/*.rs' });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toBe('invalid_client');
      });

      it.each([
        ['application/json', JSON.stringify({ grant_type: 'client_credentials' })],
        ['text/plain', 'grant_type=client_credentials'],
        ['application/fhir+json', '{'],
        ['multipart/form-data; boundary=x', '--x--'],
      ])('refuses a %s body as invalid_request', async (contentType, payload) => {
        const res = await app().inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': contentType }, payload });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toBe('invalid_request');
      });

      it('refuses a request without a body or content type, and a repeated parameter', async () => {
        const empty = await app().inject({ method: 'POST', url: '/auth/token' });
        expect(empty.statusCode).toBe(400);
        expect(empty.json().error).toBe('invalid_request');
        const repeated = await app().inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': FORM }, payload: 'grant_type=client_credentials&grant_type=client_credentials' });
        expect(repeated.statusCode).toBe(400);
        expect(repeated.json().error).toBe('invalid_request');
      });

      it('gives a token to a form body with a charset and answers GET with 404', async () => {
        const res = await app().inject({
          method: 'POST',
          url: '/auth/token',
          headers: { 'content-type': `${FORM}; charset=utf-8` },
          payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER, client_assertion: await assertionFor(app(), 'demo-admin'), scope: 'system/*.rs' }).toString(),
        });
        expect(res.statusCode).toBe(200);
        expect((await app().inject({ method: 'GET', url: '/auth/token' })).statusCode).toBe(404);
      });

      it('never answers 5xx to odd bodies', async () => {
        const bodies = ['%', '%%%%=%', '=&=&', 'grant_type', 'client_assertion=' + 'a'.repeat(20000), '\u0000\u0001', 'grant_type=client_credentials&client_assertion_type=' + encodeURIComponent(JWT_BEARER) + '&client_assertion=e30.e30.&scope=x'];
        for (const payload of bodies) {
          const res = await app().inject({ method: 'POST', url: '/auth/token', headers: { 'content-type': FORM }, payload });
          expect(res.statusCode).toBe(400);
          expect(typeof res.json().error).toBe('string');
        }
      });
    });

    it('lets a token from the endpoint read the client\'s own organisation', async () => {
      const token = await accessTokenFor(app(), 'demo-huisarts');
      const res = await app().inject({ method: 'GET', url: `/fhir/Organization/${DEMO_ORGANIZATIONS.practice.id}`, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().identifier[0]).toEqual(DEMO_ORGANIZATIONS.practice.identifier);
    });
  },
  { security: true },
);
