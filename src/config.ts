import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FhirLimits } from './fhir/index.ts';
import { LANGUAGES, type Language } from './errors.ts';

/** Everything the service reads from its environment, parsed and checked once at start. */
export interface Config {
  readonly host: string;
  readonly port: number;
  /**
   * Where the embedded PostgreSQL cluster lives when no DATABASE_URL is given. `memory://` makes a throw-away cluster in
   * the temp folder (tests).
   */
  readonly dataDir: string;
  /** PostgreSQL connection string; when set, that server is used instead of the embedded cluster. */
  readonly databaseUrl?: string;
  /** The language of error texts when a client's Accept-Language names none Brug has (ERROR_LANGUAGE: en or nl). */
  readonly errorLanguage: Language;
  /** Prometheus metrics: `/metrics` behind this bearer token on the service's port (METRICS_TOKEN), and/or a port of their own without one (METRICS_PORT). */
  readonly metrics: { readonly token?: string; readonly port?: number };
  readonly databasePoolSize: number;
  /** Requests that may wait for a database connection; the next one gets 503 with Retry-After at once. */
  readonly databaseQueueLimit: number;
  /** Every request's database work must end within this; its statements are cancelled when it passes or the client leaves. */
  readonly requestDeadlineMs: number;
  /** Statement timeout of work outside requests (subscription workers, scripts); migrations have none. */
  readonly statementTimeoutMs: number;
  /** Heavy requests (big Bundles and bodies, fanning searches) served at once; the next ones wait their turn. */
  readonly heavyRequestConcurrency: number;
  /** The public base URL of the FHIR endpoint, used in Location headers, fullUrls and paging links. */
  readonly baseUrl: string;
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  /** Resource types served, by name; their definitions come from the base R4 package. */
  readonly resourceTypes: readonly string[];
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
  readonly requestTimeoutMs: number;
  /** Time a client has to send the request line and headers (slow-loris); at most `requestTimeoutMs`. */
  readonly headersTimeoutMs: number;
  readonly nodeEnv: string;
  /**
   * Whether the referral resources (ServiceRequest, Consent, Task, Communication) must conform to their Brug
   * profile whatever they claim. On by default; off only for a generic FHIR test server (and the engine's own tests).
   */
  readonly requireProfiles: boolean;
  /** Brug's FHIR package (profiles and terminology) that the server loads at start. */
  readonly profilesDir: string;
  /** The OAuth token endpoint (SMART Backend Services), next to the FHIR base: `[BASE_URL]/../auth/token`. */
  readonly tokenUrl: string;
  /** Lifetime of the access tokens the server signs. */
  readonly accessTokenTtlSeconds: number;
  /**
   * Demo organisations and clients with keys from the repository: `auto` seeds them when the embedded database starts
   * with no clients; never in production.
   */
  readonly demoClients: 'auto' | 'off';
  /** Requests per minute per client before 429; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** Origins allowed to call from a browser (CORS); empty keeps CORS off. */
  readonly corsOrigins: readonly string[];
  /** Deepest nesting of objects and arrays accepted in a JSON body. */
  readonly maxJsonDepth: number;
  /** Key figures: a count from 1 to below this (and any score computed from it) is masked in a MeasureReport. */
  readonly monitoringMinCount: number;
  /** Topic-based subscriptions: where notifications may go, and how the delivery worker paces itself. */
  readonly subscriptions: SubscriptionConfig;
  /** The audit log: how long it is kept, and how often this instance seals new entries into its hash chain. */
  readonly audit: AuditConfig;
  /** Bounds on the work one request may cause (README, "Limits"); each is refused with a 4xx naming it. */
  readonly limits: LimitsConfig;
}

export interface AuditConfig {
  /** Whole months of audit log kept before the current one; older monthly partitions are dropped. 0 keeps everything. */
  readonly retentionMonths: number;
  /** How often this instance seals new log rows into the hash chain (and checks its partitions); 0: never. */
  readonly sealIntervalMs: number;
}

export interface SubscriptionConfig {
  /** Allowed endpoint origins (`https://hooks.example.org`, `https://*.welzijn.example`); loopback is added outside production. */
  readonly endpoints: readonly string[];
  /** Whether plain http and loopback endpoints are allowed (never in production). */
  readonly allowLoopback: boolean;
  /** Whether this instance runs a delivery worker. */
  readonly worker: boolean;
  readonly pollMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Consecutive failed deliveries before a subscription's status becomes error. */
  readonly maxFailures: number;
}

/** The engine's bounds on one request's work (MAX_JSON_DEPTH stays apart, as `maxJsonDepth`), and the HTTP ones. */
export interface LimitsConfig extends Omit<FhirLimits, 'maxJsonDepth'> {
  /** Request target (path and query), checked before routing. */
  readonly maxUrlBytes: number;
  /** Request line and headers together: Node's HTTP parser refuses more with 431. */
  readonly maxHeaderBytes: number;
}

export const DEFAULT_RESOURCE_TYPES: readonly string[] = [
  'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'HealthcareService',
  'ServiceRequest', 'Task', 'Consent', 'Communication', 'QuestionnaireResponse', 'Observation', 'Goal',
  'CarePlan', 'Subscription', 'Measure', 'MeasureReport', 'AuditEvent',
  'StructureDefinition', 'SearchParameter', 'CodeSystem', 'ValueSet', 'ConceptMap', 'ImplementationGuide',
];

export class ConfigError extends Error {}

/** The canonical base of the project's own FHIR package (profiles/sushi-config.yaml). */
const DEFAULT_CANONICAL_BASE = 'https://brug.example.org/fhir';

/**
 * The canonical base every Brug URL hangs off (CANONICAL_BASE): a region publishing the contract under its own
 * domain sets it, and serves the package built for it (`npm run build:profiles -- --canonical … --out …`,
 * PROFILES_DIR). Read once, when the first module asks for a Brug URL, since those URLs fill module-level tables.
 */
export function canonicalBase(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.CANONICAL_BASE?.trim();
  if (!raw) return DEFAULT_CANONICAL_BASE;
  const base = asCanonicalBase(raw);
  if (base === undefined) throw new ConfigError(`CANONICAL_BASE must be an http(s) URL without query, got "${raw}"`);
  return base;
}

/** `value` as a canonical base (an http(s) URL without query or fragment, no trailing slash), or undefined if it is none. */
export function asCanonicalBase(value: string): string | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url && /^https?:$/.test(url.protocol) && !url.search && !url.hash ? value.replace(/\/+$/, '') : undefined;
}

/** The package must be built for the canonical the server speaks, or every profile check would look for other URLs. */
function checkPackageCanonical(profilesDir: string, canonical: string): void {
  const manifest = path.join(profilesDir, 'package.json');
  if (!existsSync(manifest)) return;
  const packageCanonical = (JSON.parse(readFileSync(manifest, 'utf8')) as { canonical?: string }).canonical;
  if (packageCanonical !== undefined && packageCanonical !== canonical) {
    throw new ConfigError(
      `The FHIR package at ${profilesDir} is built for ${packageCanonical}, but CANONICAL_BASE is ${canonical}: build it with npm run build:profiles -- --canonical ${canonical} --out <dir> and set PROFILES_DIR=<dir>/package`,
    );
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function list(raw: string | undefined, fallback: readonly string[]): readonly string[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function metricsSettings(env: NodeJS.ProcessEnv): Config['metrics'] {
  const token = env.METRICS_TOKEN?.trim();
  // A short token is guessed; 32 characters is what `openssl rand -hex 16` gives.
  if (token && token.length < 32) throw new ConfigError('METRICS_TOKEN must be at least 32 characters');
  const port = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  return { ...(token ? { token } : {}), ...(port !== undefined ? { port } : {}) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const host = env.HOST ?? '127.0.0.1';
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const dataDir = env.DATA_DIR === 'memory://' ? 'memory://' : path.resolve(env.DATA_DIR ?? 'data');
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const baseUrl = (env.BASE_URL ?? `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}/fhir`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+\/.*fhir$|^https?:\/\/[^/]+(\/.*)?$/.test(baseUrl)) {
    throw new ConfigError(`BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  }
  const defaultPageSize = integer(env, 'DEFAULT_PAGE_SIZE', 20, 1, 1000);
  const requireProfiles = flag(env, 'REQUIRE_PROFILES', true);
  const profilesDir = path.resolve(env.PROFILES_DIR ?? 'profiles/package');
  // Without its package the server would silently check the base specification only.
  if (requireProfiles && !existsSync(path.join(profilesDir, 'package.json'))) {
    throw new ConfigError(`No FHIR package at ${profilesDir}: start from the project folder, or set PROFILES_DIR`);
  }
  checkPackageCanonical(profilesDir, canonicalBase(env));
  const maxPageSize = integer(env, 'MAX_PAGE_SIZE', 1000, defaultPageSize, 10000);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const demoClients = env.DEMO_CLIENTS ?? 'auto';
  if (demoClients !== 'auto' && demoClients !== 'off') throw new ConfigError(`DEMO_CLIENTS must be auto or off, got "${demoClients}"`);
  return Object.freeze({
    host,
    port,
    dataDir,
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    metrics: Object.freeze(metricsSettings(env)),
    errorLanguage: oneOf(env, 'ERROR_LANGUAGE', LANGUAGES, 'en'),
    databaseQueueLimit: integer(env, 'DATABASE_QUEUE_LIMIT', 200, 0, 100_000),
    // Under the 10 s in which a client should always hear back, with room to send the answer.
    requestDeadlineMs: integer(env, 'REQUEST_DEADLINE_MS', 8000, 100, 600_000),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 60_000, 100, 3_600_000),
    heavyRequestConcurrency: integer(env, 'HEAVY_REQUEST_CONCURRENCY', 1, 1, 1000),
    baseUrl,
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    resourceTypes: list(env.RESOURCE_TYPES, DEFAULT_RESOURCE_TYPES),
    defaultPageSize,
    maxPageSize,
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30000, 100, 600000),
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600000),
    nodeEnv,
    requireProfiles,
    profilesDir,
    tokenUrl: new URL('auth/token', baseUrl.replace(/[^/]*$/, '')).href,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 300, 30, 3600),
    demoClients: nodeEnv === 'production' ? 'off' : demoClients,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 6000, 0, 10_000_000),
    corsOrigins: list(env.CORS_ORIGINS, []),
    maxJsonDepth: integer(env, 'MAX_JSON_DEPTH', 100, 8, 10_000),
    // Below 2 a single resident would show; above 100 a municipality would see almost nothing.
    monitoringMinCount: integer(env, 'MONITORING_MIN_COUNT', 5, 2, 100),
    subscriptions: Object.freeze({
      endpoints: list(env.SUBSCRIPTION_ENDPOINTS, []),
      allowLoopback: nodeEnv !== 'production',
      worker: flag(env, 'SUBSCRIPTION_WORKER', true),
      pollMs: integer(env, 'SUBSCRIPTION_POLL_MS', 1000, 10, 60_000),
      retryBaseMs: integer(env, 'SUBSCRIPTION_RETRY_BASE_MS', 1000, 1, 600_000),
      retryMaxMs: integer(env, 'SUBSCRIPTION_RETRY_MAX_MS', 300_000, 1, 86_400_000),
      maxFailures: integer(env, 'SUBSCRIPTION_MAX_FAILURES', 6, 1, 1000),
    }),
    audit: Object.freeze({
      retentionMonths: integer(env, 'AUDIT_RETENTION_MONTHS', 0, 0, 1200),
      sealIntervalMs: integer(env, 'AUDIT_SEAL_INTERVAL_MS', 1000, 0, 3_600_000),
    }),
    // The defaults are far above what a referral needs; a benchmark relies on these exact values.
    limits: Object.freeze({
      maxBundleEntries: integer(env, 'MAX_BUNDLE_ENTRIES', 1000, 1, 100_000),
      maxContained: integer(env, 'MAX_CONTAINED', 100, 0, 10_000),
      maxArrayItems: integer(env, 'MAX_ARRAY_ITEMS', 10_000, 100, 100_000),
      maxSortKeys: integer(env, 'MAX_SORT_KEYS', 5, 1, 50),
      maxIncludes: integer(env, 'MAX_INCLUDES', 10, 0, 100),
      maxIncludedResources: integer(env, 'MAX_INCLUDED_RESOURCES', 1000, 1, 100_000),
      maxChainDepth: integer(env, 'MAX_CHAIN_DEPTH', 3, 1, 10),
      maxHasDepth: integer(env, 'MAX_HAS_DEPTH', 2, 1, 10),
      maxParameterRepeats: integer(env, 'MAX_PARAMETER_REPEATS', 50, 1, 1000),
      maxParameterValues: integer(env, 'MAX_PARAMETER_VALUES', 100, 1, 10_000),
      maxUrlBytes: integer(env, 'MAX_URL_BYTES', 8192, 256, 1_048_576),
      maxHeaderBytes: integer(env, 'MAX_HEADER_BYTES', 16_384, 1024, 1_048_576),
    }),
  });
}
