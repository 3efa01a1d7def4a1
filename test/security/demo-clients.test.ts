import { loadConfig } from '../../src/config.ts';
import { DEMO_CLIENTS, DEMO_ORGANIZATIONS, seedDemoClients } from '../../src/security/oauth/index.ts';
import { describeEachStore, startTestApp } from '../support/app.ts';
import { accessTokenFor, assertionFor, requestToken } from './oauth-requests.ts';

describeEachStore(
  'demo clients (development)',
  (t) => {
    const app = () => t().app;

    async function organizationCount(system: string, value: string): Promise<number> {
      const token = await accessTokenFor(app(), 'demo-admin');
      const res = await app().inject({ method: 'GET', url: `/fhir/Organization?identifier=${encodeURIComponent(`${system}|${value}`)}&_total=accurate`, headers: { authorization: `Bearer ${token}` } });
      return res.json().total as number;
    }

    it('registers the six demo clients with their roles, organisations and scopes', async () => {
      const clients = await app().security.clients.list();
      const demo = Object.fromEntries(clients.filter((c) => c.clientId.startsWith('demo-')).map((c) => [c.clientId, c]));
      expect(Object.keys(demo).sort()).toEqual(['demo-admin', 'demo-gemeente', 'demo-huisarts', 'demo-poh', 'demo-welzijn', 'demo-welzijn-2']);
      expect(demo['demo-huisarts']).toMatchObject({ role: 'first-line', scopes: 'system/*.cruds', organization: { id: 'demo-huisartsenpraktijk' }, active: true });
      expect(demo['demo-poh']!.organization).toEqual(demo['demo-huisarts']!.organization);
      expect(demo['demo-welzijn']).toMatchObject({ role: 'social-domain', organization: { id: 'demo-welzijn' } });
      expect(demo['demo-welzijn-2']).toMatchObject({ role: 'social-domain', organization: { id: 'demo-welzijn-2' } });
      expect(demo['demo-gemeente']).toMatchObject({ role: 'municipality', scopes: 'system/*.rs', organization: { id: 'demo-gemeente' } });
      expect(demo['demo-admin']).toMatchObject({ role: 'admin', organization: undefined });
      const algs = Object.values(demo).map((c) => c.jwks.keys[0]!.alg);
      expect(new Set(algs)).toEqual(new Set(['RS384', 'ES384']));
      for (const c of Object.values(demo)) expect(c.jwks.keys[0]).not.toHaveProperty('d');
    });

    it('records the demo organisations as Organization resources with fixed ids', async () => {
      const token = await accessTokenFor(app(), 'demo-admin');
      for (const org of Object.values(DEMO_ORGANIZATIONS)) {
        const res = await app().inject({ method: 'GET', url: `/fhir/Organization/${org.id}`, headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ name: org.name, identifier: [org.identifier], active: true });
      }
      const gemeente = await app().inject({ method: 'GET', url: '/fhir/Organization/demo-gemeente', headers: { authorization: `Bearer ${token}` } });
      expect(gemeente.json().type[0].coding[0]).toMatchObject({ system: 'https://brug.example.org/fhir/CodeSystem/brug-organisatie-soort', code: 'gemeente' });
    });

    it('seeds again without duplicates and keeps changes to existing clients', async () => {
      await app().security.clients.setActive('demo-poh', false);
      const before = await app().security.clients.count();
      await seedDemoClients(app());
      expect(await app().security.clients.count()).toBe(before);
      expect((await app().security.clients.get('demo-poh'))!.active).toBe(false);
      await app().security.clients.setActive('demo-poh', true);
      for (const org of Object.values(DEMO_ORGANIZATIONS)) expect(await organizationCount(org.identifier.system, org.identifier.value)).toBe(1);
    });

    it('gives every demo client a token from the token endpoint', async () => {
      for (const { clientId, scopes } of DEMO_CLIENTS) {
        const res = await requestToken(app(), await assertionFor(app(), clientId), scopes);
        expect([clientId, res.statusCode]).toEqual([clientId, 200]);
      }
    });
  },
  { security: true },
);

describe('demo clients in production', () => {
  it('are forced off by the configuration', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_CLIENTS: 'auto', DATA_DIR: 'memory://' }).demoClients).toBe('off');
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: 'memory://' }).demoClients).toBe('auto');
  });

  it('are not seeded, not even when asked, and their keys get no token', async () => {
    const t = await startTestApp('embedded', { security: true, env: { NODE_ENV: 'production' } });
    try {
      expect(await t.app.security.clients.count()).toBe(0);
      await seedDemoClients(t.app);
      expect(await t.app.security.clients.count()).toBe(0);
      const res = await requestToken(t.app, await assertionFor(t.app, 'demo-admin'));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_client');
    } finally {
      await t.close();
    }
  });
});
