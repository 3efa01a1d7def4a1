import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { DEFAULT_RESOURCE_TYPES, loadConfig } from '../../src/config.ts';
import { BrugError } from '../../src/errors.ts';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import type { CommittedContext, InteractionContext } from '../../src/fhir/hooks/points.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { FHIR_JSON } from '../support/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Hooks must be registered before the app is ready, so this file builds its own app (on an embedded cluster of its own: what is tested
 * is the engine's order of hooks and commit, not the store).
 */
describe('hooks around transaction and batch entries', () => {
  let app: FastifyInstance;
  let store: Store;
  const authorized: string[] = [];
  const committed: { key: string; visibleOutside: boolean }[] = [];

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: 'memory://' });
    store = await openStore(config);
    app = await buildApp(config, { store, definitions: loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES }), logger: false, security: false });
    app.fhirHooks.on('interaction.authorize', async (ctx: InteractionContext) => {
      authorized.push(`${ctx.interaction} ${ctx.resourceType ?? ''}`.trim());
    }, { name: 'test-authorize' });
    app.fhirHooks.on('storage.preCommit', async (ctx) => {
      if (ctx.resource?.resourceType === 'Organization' && (ctx.resource as Json).name === 'weiger') {
        throw new BrugError('TEST_REFUSED', 'business-rule', 'refused by a test hook');
      }
    }, { name: 'test-precommit' });
    // A hook that breaks what it rewrites, in place or as a new object: validation of the result must catch it.
    app.fhirHooks.on('storage.preWrite', async (ctx) => {
      const name = (ctx.resource as Json | undefined)?.name;
      if (name === 'breek') (ctx.resource as Json).active = 'ja';
      if (name === 'breek-kopie') ctx.resource = { ...ctx.resource, telecom: { value: 'geen lijst' } } as never;
    }, { name: 'test-breaking-prewrite' });
    app.fhirHooks.on('storage.postCommit', async (ctx: CommittedContext) => {
      // Read through the store's own repository, outside any transaction: proves the write was already committed.
      const current = await store.repository.readCurrent(ctx.resourceType, ctx.id);
      committed.push({ key: `${ctx.operation} ${ctx.resourceType}`, visibleOutside: current !== undefined });
    }, { name: 'test-postcommit' });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await store.db.close();
  });

  beforeEach(() => {
    authorized.length = 0;
    committed.length = 0;
  });

  const post = (bundle: unknown) => app.inject({ method: 'POST', url: '/fhir', payload: JSON.stringify(bundle), headers: { 'content-type': FHIR_JSON } });
  const organization = (name: string) => ({ resource: { resourceType: 'Organization', name }, request: { method: 'POST', url: 'Organization' } });

  it('authorizes every entry as its own interaction and runs postCommit hooks only after the commit', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'transaction', entry: [organization('Wijkteam Noord'), organization('Bibliotheek'), { request: { method: 'GET', url: 'Organization' } }] });
    expect(res.statusCode).toBe(200);
    expect(authorized).toEqual(['transaction', 'create Organization', 'create Organization', 'search-type Organization']);
    expect(committed).toEqual([
      { key: 'create Organization', visibleOutside: true },
      { key: 'create Organization', visibleOutside: true },
    ]);
  });

  it('a hook that refuses one write rolls back the transaction and no postCommit hook runs', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'transaction', entry: [organization('Sportclub'), organization('weiger')] });
    expect(res.statusCode).toBe(422);
    expect(res.json().issue[0].expression).toContain('Bundle.entry[1]');
    expect(committed).toEqual([]);
    const found = await app.inject({ method: 'GET', url: '/fhir/Organization?name=Sportclub' });
    expect(found.json().entry ?? []).toHaveLength(0);
  });

  it.each(['breek', 'breek-kopie'])('a preWrite hook that makes the resource invalid (%s) cannot store it: the write is refused, nothing is stored', async (name) => {
    const res = await app.inject({ method: 'POST', url: '/fhir/Organization', payload: JSON.stringify({ resourceType: 'Organization', name }), headers: { 'content-type': FHIR_JSON } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].expression?.[0]).toMatch(/^Organization\.(active|telecom)/);
    const transaction = await post({ resourceType: 'Bundle', type: 'transaction', entry: [organization('Buurthuis'), organization(name)] });
    expect(transaction.statusCode).toBe(400);
    expect(committed).toEqual([]);
    for (const stored of [name, 'Buurthuis']) {
      const found = await app.inject({ method: 'GET', url: `/fhir/Organization?name:exact=${stored}` });
      expect(found.json().entry ?? []).toHaveLength(0);
    }
  });

  it('in a batch, the refused entry fails alone and the others commit with their hooks', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'batch', entry: [organization('weiger'), organization('Voedselbank')] });
    expect(res.json().entry.map((e: Json) => e.response.status)).toEqual(['422 Unprocessable Entity', '201 Created']);
    expect(authorized).toEqual(['batch', 'create Organization', 'create Organization']);
    expect(committed).toEqual([{ key: 'create Organization', visibleOutside: true }]);
  });
});
