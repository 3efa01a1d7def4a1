/**
 * Issue 15: every request's database work has a deadline the database itself enforces, and stops when the client goes
 * away; a full connection queue is a 503 at once instead of a wait without end.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { DEFAULT_RESOURCE_TYPES, loadConfig } from '../../src/config.ts';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { seedDemoClients } from '../../src/security/index.ts';
import { createTestDatabase, FHIR_JSON, type TestDatabase } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';

const SLOW = 'Trage Stichting';
const SLOWISH = 'Wat Trage Stichting';

/** A transaction of 101 Organization creates (a heavy request), the last one named `last`. */
function bigTransaction(base: string, last: string): Promise<Response> {
  const entry = Array.from({ length: 101 }, (_, n) => ({
    resource: { resourceType: 'Organization', name: n === 100 ? last : `Vereniging ${n}` },
    request: { method: 'POST', url: 'Organization' },
  }));
  return fetch(base, { method: 'POST', headers: { 'content-type': FHIR_JSON }, body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }) });
}

interface Running {
  app: FastifyInstance;
  store: Store;
  base: string;
}

/** A served app whose write path sleeps in the database for an Organization named SLOW. */
async function startSlowApp(url: string, env: Record<string, string>, security = false): Promise<Running> {
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', REQUIRE_PROFILES: 'false', ...env });
  const store = await openStore(config);
  const app = await buildApp(config, { store, definitions: loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES }), logger: false, security });
  app.fhirHooks.on('storage.preWrite', async (ctx) => {
    const name = (ctx.resource as { name?: string } | undefined)?.name;
    if (name === SLOW) await ctx.tx.sql.query('SELECT pg_sleep(5)');
    if (name === SLOWISH) await ctx.tx.sql.query('SELECT pg_sleep(1)');
  }, { name: 'test-slow-write' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  if (security && (await app.security.clients.count()) === 0) await seedDemoClients(app);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, store, base: `http://127.0.0.1:${port}/fhir` };
}

function createOrganization(base: string, name: string, signal?: AbortSignal, authorization?: string): Promise<Response> {
  return fetch(`${base}/Organization`, {
    method: 'POST',
    headers: { 'content-type': FHIR_JSON, ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ resourceType: 'Organization', name }),
    signal,
  });
}

describe('request deadlines on the database', () => {
  let database: TestDatabase;
  let observer: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
  });

  afterAll(async () => {
    await observer.end();
    await database.drop();
  });

  /** Statements still running on the server for this database, other than the observer's own. */
  async function sleepingStatements(): Promise<number> {
    const { rows } = await observer.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%pg_sleep%'",
    );
    return Number(rows[0]!.n);
  }

  async function expectNoSleepingStatementWithin(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while ((await sleepingStatements()) > 0) {
      if (Date.now() > until) throw new Error('a cancelled statement is still running on the server');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('stops a write that runs past REQUEST_DEADLINE_MS with 503, Retry-After and an OperationOutcome, and writes nothing', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '400' });
    try {
      const started = Date.now();
      const res = await createOrganization(running.base, SLOW);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      const outcome = (await res.json()) as { resourceType: string; issue: { diagnostics: string }[] };
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]!.diagnostics).toContain('deadline of 400 ms');
      await expectNoSleepingStatementWithin(1000);
      const stored = await fetch(`${running.base}/Organization?name=${encodeURIComponent(SLOW)}`);
      expect(((await stored.json()) as { total?: number; entry?: unknown[] }).entry ?? []).toHaveLength(0);
      // The server goes on answering.
      expect((await createOrganization(running.base, 'Buurthuis De Brug')).status).toBe(201);
    } finally {
      await running.app.close();
      await running.store.db.close();
    }
  });

  it('cancels the statement on the server when the client goes away', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '20000' });
    try {
      const controller = new AbortController();
      const pending = createOrganization(running.base, SLOW, controller.signal).catch((err: unknown) => err);
      const until = Date.now() + 3000;
      while ((await sleepingStatements()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await sleepingStatements()).toBe(1);
      controller.abort();
      await pending;
      await expectNoSleepingStatementWithin(1500);
      expect((await createOrganization(running.base, 'Buurthuis De Brug')).status).toBe(201);
    } finally {
      await running.app.close();
      await running.store.db.close();
    }
  });

  it('answers 503 at once when more requests wait for a connection than DATABASE_QUEUE_LIMIT allows', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '1500', DATABASE_POOL_SIZE: '1', DATABASE_QUEUE_LIMIT: '0' });
    try {
      const slow = createOrganization(running.base, SLOW);
      const until = Date.now() + 3000;
      while ((await sleepingStatements()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      const started = Date.now();
      const refused = await fetch(`${running.base}/Organization`);
      expect(Date.now() - started).toBeLessThan(500);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { issue: { diagnostics: string }[] }).issue[0]!.diagnostics).toContain('wait for a connection');
      expect((await slow).status).toBe(503);
      // The connection of the cancelled statement is closed once its cancel has arrived (a few ms); then all is free.
      let after = await fetch(`${running.base}/Organization`);
      for (let i = 0; i < 20 && after.status === 503; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await fetch(`${running.base}/Organization`);
      }
      expect(after.status).toBe(200);
    } finally {
      await running.app.close();
      await running.store.db.close();
    }
  });

  it('records the AuditEvent of a request that ran out of time, and of one whose client left', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '400' }, true);
    try {
      const authorization = `Bearer ${await tokenFor(running.app, 'demo-admin')}`;
      const failedEvents = async (): Promise<number> => {
        const { rows } = await observer.query<{ n: string }>(
          "SELECT count(*) AS n FROM audit_log WHERE outcome = '8' AND outcome_desc LIKE '%deadline%'",
        );
        return Number(rows[0]!.n);
      };
      const before = await failedEvents();
      expect((await createOrganization(running.base, SLOW, undefined, authorization)).status).toBe(503);
      const controller = new AbortController();
      const pending = createOrganization(running.base, SLOW, controller.signal, authorization).catch((err: unknown) => err);
      const until = Date.now() + 3000;
      while ((await sleepingStatements()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort();
      await pending;
      const waitUntil = Date.now() + 3000;
      while ((await failedEvents()) < before + 2 && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await failedEvents()).toBe(before + 2);
    } finally {
      await running.app.close();
      await running.store.db.close();
    }
  });

  it('lets the work of a request whose client left finish, audit included, before the store closes', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '20000' }, true);
    const authorization = `Bearer ${await tokenFor(running.app, 'demo-admin')}`;
    const recorded = async (): Promise<number> => {
      const { rows } = await observer.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_log WHERE outcome = '8' AND outcome_desc LIKE '%deadline%'",
      );
      return Number(rows[0]!.n);
    };
    const before = await recorded();
    const controller = new AbortController();
    const pending = createOrganization(running.base, SLOWISH, controller.signal, authorization).catch((err: unknown) => err);
    const until = Date.now() + 3000;
    while ((await sleepingStatements()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    // The client hangs up while the write still sleeps, and the server is told to stop at once.
    controller.abort();
    await pending;
    await running.app.close();
    await running.store.db.close();
    expect(await recorded()).toBe(before + 1);
  });

  it('runs heavy requests one at a time (HEAVY_REQUEST_CONCURRENCY=1) while light ones pass them', async () => {
    const running = await startSlowApp(database.url, { REQUEST_DEADLINE_MS: '6000', HEAVY_REQUEST_CONCURRENCY: '1' });
    try {
      const finished: string[] = [];
      const first = bigTransaction(running.base, SLOWISH).then((res) => (finished.push('first heavy'), res));
      const until = Date.now() + 3000;
      while ((await sleepingStatements()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = bigTransaction(running.base, 'Tweede Vereniging').then((res) => (finished.push('second heavy'), res));
      const light = await fetch(`${running.base}/Organization?_count=1`);
      finished.push('light');
      expect(light.status).toBe(200);
      expect((await first).status).toBe(200);
      expect((await second).status).toBe(200);
      // The light search did not wait for the heavy ones; the second heavy one waited for the first.
      expect(finished).toEqual(['light', 'first heavy', 'second heavy']);
    } finally {
      await running.app.close();
      await running.store.db.close();
    }
  });

  it('gives migrations and work outside requests their own budget, and a request transaction its deadline', async () => {
    const store = await openStore({ databaseUrl: database.url, dataDir: 'memory://', databasePoolSize: 2, databaseQueueLimit: 10, statementTimeoutMs: 45_000 });
    try {
      const outside = await store.db.query<{ statement_timeout: string }>('SHOW statement_timeout');
      expect(outside.rows[0]!.statement_timeout).toBe('45s');
      const { startDeadline } = await import('../../src/store/index.ts');
      const scope = startDeadline(5000);
      const inside = await store.db.deadlines.run(scope.deadline, () =>
        store.db.transaction((tx) => tx.query<{ statement_timeout: string }>('SHOW statement_timeout')),
      );
      scope.dispose();
      const ms = Number.parseInt(inside.rows[0]!.statement_timeout, 10) * (inside.rows[0]!.statement_timeout.endsWith('ms') ? 1 : 1000);
      expect(ms).toBeGreaterThan(4000);
      expect(ms).toBeLessThanOrEqual(5000);
    } finally {
      await store.db.close();
    }
  });
});
