import { randomUUID } from 'node:crypto';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { loadSigningKey } from '../../src/security/tokens/signing-key.ts';
import { describeEachStore } from '../support/app.ts';
import { accessTokenFor, unsignedJwt } from './oauth-requests.ts';

/** Access tokens at the FHIR API: every refusal is 401 with a WWW-Authenticate challenge and an OperationOutcome. */
describeEachStore(
  'access tokens at the FHIR API',
  (t) => {
    const app = () => t().app;
    const search = (authorization?: string) =>
      app().inject({ method: 'GET', url: '/fhir/Organization', headers: authorization === undefined ? {} : { authorization } });

    async function expect401(authorization: string | undefined, pattern?: RegExp): Promise<void> {
      const res = await search(authorization);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      const outcome = res.json();
      expect(outcome.resourceType).toBe('OperationOutcome');
      if (pattern) expect(outcome.issue[0].diagnostics).toMatch(pattern);
    }

    /** Claims as the server puts them in its tokens, for forgeries that differ in one respect. */
    async function serverClaims(clientId: string): Promise<Record<string, unknown>> {
      const genuine = decodeJwt(await accessTokenFor(app(), clientId));
      return { ...genuine, jti: randomUUID() };
    }

    async function signWith(key: CryptoKey, kid: string, claims: Record<string, unknown>): Promise<string> {
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(key);
    }

    it('lets the CapabilityStatement and SMART discovery through without a token', async () => {
      expect((await app().inject({ method: 'GET', url: '/fhir/metadata' })).statusCode).toBe(200);
      expect((await app().inject({ method: 'GET', url: '/fhir/.well-known/smart-configuration' })).statusCode).toBe(200);
    });

    it('refuses a request without a token', async () => {
      await expect401(undefined);
    });

    it.each(['Basic ZGVtbzpkZW1v', 'Bearer', 'Bearer a b', 'token abc', 'Bearer \u00e9'])('refuses the Authorization header %j', async (header) => {
      await expect401(header);
    });

    it('refuses a token that is not a JWT', async () => {
      await expect401('Bearer abc.def.ghi');
    });

    it('refuses an expired access token', async () => {
      const key = await loadSigningKey(t().store.db);
      const now = Math.floor(Date.now() / 1000);
      const claims = { ...(await serverClaims('demo-huisarts')), iat: now - 900, exp: now - 600 };
      await expect401(`Bearer ${await signWith(key.privateKey, key.kid, claims)}`, /expired/);
    });

    it('refuses an unsigned access token (alg none)', async () => {
      const key = await loadSigningKey(t().store.db);
      await expect401(`Bearer ${unsignedJwt(await serverClaims('demo-admin'), { kid: key.kid, typ: 'at+jwt' })}`);
    });

    it('refuses an access token signed by another key, even with the server key id', async () => {
      const key = await loadSigningKey(t().store.db);
      const other = await generateKeyPair('ES256', { extractable: true });
      expect(await exportJWK(other.publicKey)).not.toEqual(key.publicJwk);
      await expect401(`Bearer ${await signWith(other.privateKey, key.kid, await serverClaims('demo-admin'))}`, /signature/);
    });

    it('refuses an access token for another audience', async () => {
      const key = await loadSigningKey(t().store.db);
      const claims = { ...(await serverClaims('demo-admin')), aud: 'https://other-fhir-server.example/fhir' };
      await expect401(`Bearer ${await signWith(key.privateKey, key.kid, claims)}`, /aud/);
    });

    it('never takes a token for a verified one that it only resembles', async () => {
      const token = await accessTokenFor(app(), 'demo-admin');
      expect((await search(`Bearer ${token}`)).statusCode).toBe(200);
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
      await expect401(`Bearer ${header}.${payload}.${flipped}`, /signature/);
    });

    it('refuses a client assertion used as an access token', async () => {
      const { assertionFor } = await import('./oauth-requests.ts');
      await expect401(`Bearer ${await assertionFor(app(), 'demo-admin')}`);
    });

    it('refuses the token of a client disabled through the admin API at once', async () => {
      const token = await accessTokenFor(app(), 'demo-welzijn-2');
      expect((await search(`Bearer ${token}`)).statusCode).toBe(200);
      const admin = await accessTokenFor(app(), 'demo-admin');
      const disabled = await app().inject({ method: 'DELETE', url: '/admin/clients/demo-welzijn-2', headers: { authorization: `Bearer ${admin}` } });
      expect(disabled.statusCode).toBe(200);
      try {
        await expect401(`Bearer ${token}`, /disabled/);
      } finally {
        await app().security.clients.setActive('demo-welzijn-2', true);
      }
    });

    it('refuses the cached token of a client disabled elsewhere (another instance) within 5 s', async () => {
      const token = await accessTokenFor(app(), 'demo-gemeente', 'system/*.rs');
      // The first request verifies the token and remembers it; the second is answered from the verified-token cache.
      expect((await search(`Bearer ${token}`)).statusCode).toBe(200);
      expect((await search(`Bearer ${token}`)).statusCode).toBe(200);
      // Another instance disables it: this instance's cache is not told, so it learns within the cache period (5 s).
      await t().store.db.query('UPDATE security_clients SET active = false WHERE client_id = $1', ['demo-gemeente']);
      const later = Date.now() + 5_000;
      const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
      try {
        await expect401(`Bearer ${token}`, /disabled/);
      } finally {
        clock.mockRestore();
        await app().security.clients.setActive('demo-gemeente', true);
      }
    });
  },
  { security: true },
);
