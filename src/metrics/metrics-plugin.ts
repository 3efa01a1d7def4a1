// Prometheus exposition format: https://prometheus.io/docs/instrumenting/exposition_formats/
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { BrugMetrics } from './brug-metrics.ts';

export interface MetricsOptions {
  readonly metrics: BrugMetrics;
  /** `/metrics` on the service's own port answers only with `Authorization: Bearer <token>`; without a token it is not served there. */
  readonly token?: string;
  /** A listener of its own (`METRICS_PORT`), without a token: for a network only the monitoring system reaches. */
  readonly port?: number;
  readonly host: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The listener of METRICS_PORT, when one is configured. */
    metricsServer?: Server;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time, so the answer's timing does not tell how much of a guessed token was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

function listenApart(metrics: BrugMetrics, host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('The metrics could not be collected\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Counts every HTTP answer and every FHIR interaction, and serves the registry: behind a token on the service's
 * port, or on a port of its own. Requests for `/metrics` itself are not counted, so scraping does not move the rates.
 */
const metricsPlugin: FastifyPluginAsync<MetricsOptions> = async (app, { metrics, token, port, host }) => {
  const knownTypes = app.fhirEngine.defs.allResourceTypes;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const labels = { method: request.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  app.fhirHooks.on(
    'interaction.completed',
    async ({ interaction, status, durationMs }) => {
      if (interaction.bundle) return;
      // Only R4 type names become label values: a client cannot grow the series with made-up types.
      const type = interaction.resourceType === undefined ? '' : knownTypes.has(interaction.resourceType) ? interaction.resourceType : 'other';
      metrics.fhirInteractions.inc({ interaction: interaction.interaction, type, status: String(status) });
      metrics.fhirDuration.observe({ interaction: interaction.interaction, type }, durationMs / 1000);
    },
    { name: 'metrics.interactions', order: 900 },
  );
  if (token) {
    app.get('/metrics', async (request, reply) => {
      if (!bearerMatches(request.headers.authorization, token)) {
        return reply.code(401).header('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('The metrics need the METRICS_TOKEN as a bearer token\n');
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }
  if (port !== undefined) {
    const server = await listenApart(metrics, host, port);
    app.decorate('metricsServer', server);
    app.addHook('onClose', async () => new Promise<void>((resolve) => server.close(() => resolve())));
  }
};

export const metricsRoutes = fp(metricsPlugin, { name: 'brug-metrics', fastify: '5.x', dependencies: ['brug-fhir'] });
