/**
 * The ceiling for the server's reads: a minimal Fastify app answering one JSON route with a stored Task, as text,
 * the way the server answers a read. Run as its own process: `PORT=8100 node bench/bare-fastify.ts`.
 */
import Fastify from 'fastify';
import { makeTask } from './seed-tasks.ts';

const port = Number(process.env.PORT ?? 8100);
const task = JSON.stringify({ ...makeTask(1), id: '5f0c6a3e-8f1e-4d7a-9d6b-1f6f3c1d2e4a', meta: { versionId: '1', lastUpdated: new Date().toISOString() } });

const app = Fastify({ logger: false });
app.get('/task', async (_request, reply) => reply.type('application/fhir+json; charset=utf-8').send(task));
await app.listen({ host: '127.0.0.1', port });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
