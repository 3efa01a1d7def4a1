import Fastify from 'fastify';
import { loadConfig } from '../../config.ts';
import { hardening } from './index.ts';

async function appWith(env: Record<string, string> = {}) {
  const app = Fastify();
  await app.register(hardening, { config: loadConfig({ DATA_DIR: 'memory://', REQUIRE_PROFILES: 'false', ...env }) });
  app.get('/plain', async () => ({ ok: true }));
  app.get('/page', async (_request, reply) => {
    reply.header('Content-Security-Policy', "default-src 'self'").header('Cache-Control', 'private, max-age=60');
    return 'page';
  });
  return app;
}

describe('hardening plugin', () => {
  it('sets the defaults where a route set none, and keeps what a route set itself', async () => {
    const app = await appWith();
    const plain = await app.inject({ method: 'GET', url: '/plain' });
    expect(plain.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(plain.headers['cache-control']).toBe('no-store');
    const page = await app.inject({ method: 'GET', url: '/page' });
    expect(page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(page.headers['cache-control']).toBe('private, max-age=60');
    expect(page.headers['x-frame-options']).toBe('DENY');
    await app.close();
  });

  it('adds HSTS only for an https base URL, and CORS only for configured origins', async () => {
    const plain = await appWith();
    const res = await plain.inject({ method: 'GET', url: '/plain', headers: { origin: 'https://his.example' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    await plain.close();
    const secure = await appWith({ BASE_URL: 'https://brug.example/fhir', CORS_ORIGINS: 'https://his.example, https://other.example' });
    const ok = await secure.inject({ method: 'GET', url: '/plain', headers: { origin: 'https://other.example' } });
    expect(ok.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(ok.headers['access-control-allow-origin']).toBe('https://other.example');
    await secure.close();
  });
});
