import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { compileBaseValidation, type BaseValidation } from '../../src/conformance/index.ts';
import { loadConfig, type Config, DEFAULT_RESOURCE_TYPES } from '../../src/config.ts';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import { seedDemoClients } from '../../src/security/index.ts';
import { readPackageSearchParameters, type FhirDefinitions } from '../../src/fhir/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { withDatabase } from './postgres-server.ts';

/**
 * `postgres`: a fresh database on the run's PostgreSQL server (global-setup finds it); `embedded`: a throw-away
 * cluster of the app's own, as `npm start` runs it, for what only the embedded default does (demo clients).
 */
export type StoreKind = 'postgres' | 'embedded';

/**
 * Both stores are the same PostgreSQL, through the same pool and SQL: the suite runs once, on a database of the run's
 * server. The embedded default is started for real by the tests of what only it does, and by the process tests.
 */
export const STORE_KINDS: StoreKind[] = ['postgres'];

let definitions: FhirDefinitions | undefined;
function sharedDefinitions(): FhirDefinitions {
  definitions ??= loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES, extraSearchParameters: readPackageSearchParameters('profiles/package') });
  return definitions;
}

let conformanceBase: BaseValidation | undefined;
function sharedConformanceBase(): BaseValidation {
  conformanceBase ??= compileBaseValidation(sharedDefinitions().baseStructures, sharedDefinitions().readBundle);
  return conformanceBase;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: global-setup did not find PostgreSQL');
  const name = `brug_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    url: withDatabase(admin, name),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  kind: StoreKind;
  store: Store;
  config: Config;
  /** Base URL of the FHIR endpoint: a real port when started with `listen`. */
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  listen?: boolean;
  env?: Record<string, string>;
  /**
   * true builds the app with its security layer and the demo clients (test/support/security.ts gives tokens);
   * the default leaves it out, for suites that test the generic FHIR engine.
   */
  security?: boolean;
  /** Runs on the fresh PostgreSQL database before the app opens it (a schema as an older version left it). */
  prepare?: (databaseUrl: string) => Promise<void>;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Builds the real app on a fresh database of the given kind. */
export async function startTestApp(kind: StoreKind, options: TestAppOptions = {}): Promise<TestApp> {
  const database = kind === 'postgres' ? await createTestDatabase() : undefined;
  if (database && options.prepare) await options.prepare(database.url);
  const port = options.listen ? await freePort() : 8080;
  const config = loadConfig({
    DATA_DIR: 'memory://',
    PORT: String(port),
    DATABASE_POOL_SIZE: '4',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const store = await openStore(config);
  const app = await buildApp(config, {
    store,
    definitions: sharedDefinitions(),
    conformanceBase: sharedConformanceBase(),
    logger: false,
    security: options.security === true,
  });
  if (options.listen) await app.listen({ host: '127.0.0.1', port });
  else await app.ready();
  // The embedded store seeds the demo clients itself; a PostgreSQL one is seeded here so both test the same.
  if (options.security === true && (await app.security.clients.count()) === 0) await seedDemoClients(app);
  return {
    app,
    kind,
    store,
    config,
    baseUrl: config.baseUrl,
    async close() {
      await app.close();
      await store.db.close();
      await database?.drop();
    },
  };
}

/** Runs the same describe block against every store kind, with one app per kind for the whole block. */
export function describeEachStore(title: string, body: (current: () => TestApp) => void, options: TestAppOptions = {}): void {
  describe.each(STORE_KINDS)(`${title} [%s]`, (kind) => {
    let testApp: TestApp | undefined;
    beforeAll(async () => {
      testApp = await startTestApp(kind, options);
    });
    afterAll(async () => {
      await testApp?.close();
    });
    body(() => {
      if (!testApp) throw new Error('test app not started');
      return testApp;
    });
  });
}

export const FHIR_JSON = 'application/fhir+json';

/**
 * For suites that test the generic FHIR engine (REST rules, search, bundles) with minimal resources: the referral
 * profiles are not required there. Profile enforcement has its own suites under test/conformance.
 */
export const ENGINE_ONLY: TestAppOptions = { env: { REQUIRE_PROFILES: 'false' } };
