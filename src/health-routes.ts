import type { FastifyPluginAsync } from 'fastify';
import type { Database } from './store/index.ts';

/** Liveness (the process answers) and readiness (the database answers and the FHIR engine is loaded). */
export const healthRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await db.ping();
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
    return { status: 'ready', database: db.kind, resourceTypes: app.fhirEngine.defs.servedTypes.length };
  });
};
