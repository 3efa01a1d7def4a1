import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pkg from '../package.json' with { type: 'json' };
import type { Config } from './config.ts';
import { conformance, type BaseValidation } from './conformance/index.ts';
import {
  answerUnroutedRequests,
  fhirClientErrorHandler,
  fhirEngine,
  fhirErrorHandler,
  notFoundHandler,
  readPackageSearchParameters,
  urlLengthLimit,
  type FhirDefinitions,
} from './fhir/index.ts';
import { healthRoutes } from './health-routes.ts';
import { BrugMetrics, metricsRoutes } from './metrics/index.ts';
import { monitoring } from './monitoring/index.ts';
import { hardening, security } from './security/index.ts';
import { frameworkErrorHeaders } from './security/hardening/index.ts';
import { openStore, startDeadline, type Store } from './store/index.ts';
import { subscriptionBacklog, subscriptions } from './subscriptions/index.ts';
import { terminology } from './terminology/index.ts';
import { workflow } from './workflow/index.ts';

export interface BuildOptions {
  /** An already open store (tests); otherwise one is opened from the config and closed with the app. */
  store?: Store;
  /** Definitions loaded once and shared across apps (tests build many). */
  definitions?: FhirDefinitions;
  /** Base validation compiled once for the same definitions (tests build many apps). */
  conformanceBase?: BaseValidation;
  /** false silences logs (tests). */
  logger?: boolean;
  /**
   * false leaves out authentication, access policy and audit: only for the generic engine's own tests, which test
   * FHIR behaviour, not who may see what. Not reachable from the environment, so a deployment cannot turn it off.
   */
  security?: boolean;
  /** Told when each step of starting is done (`npm start` prints them), with the milliseconds it took. */
  onProgress?: (step: string, ms: number) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The whole service: the only place that knows every module and their order. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            // Query strings can hold a BSN (identifier=...|999911120): request logs carry the path only.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0], remoteAddress: req.ip }),
            },
          },
    bodyLimit: config.bodyLimitBytes,
    http: {
      // Node's parser bounds the request line and headers together; beyond it, the handler below answers 431.
      maxHeaderSize: config.limits.maxHeaderBytes,
      // Node looks for requests past these timeouts only every connectionsCheckingInterval (30 s by default), so a
      // slow client would be cut off up to 30 s late; checking twice a second answers it 408 when its time is up.
      headersTimeout: Math.min(config.headersTimeoutMs, config.requestTimeoutMs),
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: 500,
    },
    clientErrorHandler: fhirClientErrorHandler({ headerLimit: `MAX_HEADER_BYTES=${config.limits.maxHeaderBytes}`, headers: frameworkErrorHeaders(config) }),
    requestTimeout: config.requestTimeoutMs,
    // A socket that says nothing for this long is closed (slow-loris); long enough to receive a request and answer it.
    connectionTimeout: 2 * config.requestTimeoutMs,
    // Longer than the 60 s idle timeout of common load balancers, so they never reuse a socket the server just closed.
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL) get the same OperationOutcome as every other error.
    frameworkErrors: (err, request, reply) => fhirErrorHandler(err, request, reply.headers(frameworkErrorHeaders(config))),
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  answerUnroutedRequests(app.server, frameworkErrorHeaders(config));
  app.addHook('onRequest', urlLengthLimit(config.limits.maxUrlBytes, `MAX_URL_BYTES=${config.limits.maxUrlBytes}`));
  let stepStarted = performance.now();
  const done = (step: string): void => {
    const now = performance.now();
    options.onProgress?.(step, now - stepStarted);
    stepStarted = now;
  };
  const store = options.store ?? (await openStore(config, (level, message, fields) => app.log[level](fields ?? {}, message)));
  done(config.databaseUrl ? 'database connected, schema up to date' : 'embedded PostgreSQL running, schema up to date');
  if (!options.store) app.addHook('onClose', async () => store.db.close());
  // Every request's database work runs under its deadline, and stops when the client goes away: the store cancels
  // the statement on the server instead of letting it run on for nobody. The clock starts once the body is in (its
  // upload has REQUEST_TIMEOUT_MS), so a slow network does not use up the time of the work.
  app.addHook('preHandler', (request, reply, done) => {
    const deadline = startDeadline(config.requestDeadlineMs);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) deadline.abort();
      deadline.dispose();
    });
    store.db.deadlines.run(deadline.deadline, done);
  });

  await app.register(hardening, { config });
  app.decorate('errorLanguage', config.errorLanguage);
  app.setErrorHandler(fhirErrorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });

  await app.register(fhirEngine, {
    prefix: '/fhir',
    repo: store.repository,
    resourceTypes: config.resourceTypes,
    baseUrl: config.baseUrl,
    defaultPageSize: config.defaultPageSize,
    maxPageSize: config.maxPageSize,
    identity: { name: 'Brug', version: pkg.version, description: 'Brug: FHIR R4 exchange point for sociaal verwijzen' },
    definitions: options.definitions,
    // Trimmed base definitions are kept beside the embedded cluster; a throw-away one keeps nothing.
    definitionCacheDir: config.dataDir === 'memory://' ? undefined : path.join(config.dataDir, 'cache'),
    extraSearchParameters: readPackageSearchParameters(config.profilesDir),
    maxJsonDepth: config.maxJsonDepth,
    limits: config.limits,
    maxResourceBytes: config.bodyLimitBytes,
    heavyRequests: { concurrency: config.heavyRequestConcurrency, maxWaitMs: config.requestDeadlineMs },
  });
  done('FHIR R4 definitions and search parameters loaded');
  const withSecurity = options.security !== false;
  const metrics = new BrugMetrics({
    pool: () => store.db.poolUse(),
    ...(withSecurity ? { subscriptions: () => subscriptionBacklog(store.db), auditWaiting: () => app.security.audit.waiting() } : {}),
  });
  if (withSecurity) await app.register(security, { db: store.db, config, typeStores: store.repository, fhirPrefix: '/fhir', onAuditBatch: (b) => metrics.auditBatch(b) });
  // The referral rules need to know which side of a referral the caller is on: they come with security.
  if (withSecurity) await app.register(workflow);
  // Before monitoring, whose key figures read the package's terminology through it.
  await app.register(terminology, { packageDir: config.profilesDir });
  // Key figures per gemeente: who may see which comes from the security layer's principal.
  if (withSecurity) await app.register(monitoring, { db: store.db, config });
  // A subscriber is told only what its organisation may read: subscriptions come with security too.
  if (withSecurity) await app.register(subscriptions, { db: store.db, config, onDelivery: (d) => metrics.delivery(d) });
  done('security, workflow, terminology, monitoring and subscriptions ready');
  await app.register(conformance, {
    profileDirectory: config.profilesDir,
    base: options.conformanceBase,
    ...(config.requireProfiles ? {} : { requiredProfiles: {} }),
  });
  done('profiles and validation compiled');
  await app.register(healthRoutes, { db: store.db });
  await app.register(metricsRoutes, { metrics, host: config.host, ...config.metrics });
  return app;
}
