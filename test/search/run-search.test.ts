import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import type { Engine } from '../../src/fhir/engine.ts';
import type { InteractionContext } from '../../src/fhir/hooks/points.ts';
import { HookRegistry } from '../../src/fhir/hooks/registry.ts';
import { DEFAULT_LIMITS } from '../../src/fhir/limits.ts';
import { OperationRegistry } from '../../src/fhir/operations/operation-registry.ts';
import { createIndexer } from '../../src/fhir/search/extract-index.ts';
import { findForCondition, runSearch } from '../../src/fhir/search/run-search.ts';
import type { Store } from '../../src/store/index.ts';
import { STORE_KINDS } from '../support/app.ts';
import { openTestStore, type TestStore } from '../support/store.ts';
import { seedSearchFixtures, SEARCH_BASE_URL, SEARCH_TYPES } from './fixtures.ts';

/** The whole search on the real store, below HTTP: Bundle shape, includes, scope hooks, subsetting, conditions. */
const defs = loadDefinitions({ servedTypes: SEARCH_TYPES });
const indexer = createIndexer(defs, SEARCH_BASE_URL);
const context = {
  interaction: 'search-type',
  request: { method: 'GET', path: '', query: [], headers: {} },
  log: {} as FastifyBaseLogger,
  requestId: 'test',
} satisfies InteractionContext;

describe.each(STORE_KINDS)('runSearch [%s]', (kind) => {
  let store: Store;
  const engine = (hooks = new HookRegistry()): Engine => ({
    defs, repo: store.repository, hooks, operations: new OperationRegistry(), indexer,
    config: { baseUrl: SEARCH_BASE_URL, defaultPageSize: 20, maxPageSize: 100, limits: DEFAULT_LIMITS, maxResourceBytes: 5 * 1024 * 1024 },
  });

  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await openTestStore(kind);
    store = testStore.store;
    await seedSearchFixtures(store, indexer);
  });
  afterAll(async () => {
    await testStore.close();
  });

  const run = (type: string | undefined, query: string, options: { strict?: boolean; hooks?: HookRegistry } = {}): Promise<Bundle> =>
    runSearch(engine(options.hooks), {
      resourceTypes: type === undefined ? undefined : [type],
      params: [...new URLSearchParams(query)],
      strict: options.strict ?? false,
      context,
      basePath: type ?? '',
    });
  const entries = (bundle: Bundle, mode: string) =>
    (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`).sort();

  it('returns a searchset with full URLs, match modes, paging links and a total when all fits on one page', async () => {
    const bundle = await run('Patient', 'gender=female,male&_sort=_id');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(bundle.entry?.map((e) => [e.fullUrl, e.search?.mode])).toEqual([
      [`${SEARCH_BASE_URL}/Patient/p1`, 'match'],
      [`${SEARCH_BASE_URL}/Patient/p2`, 'match'],
    ]);
    expect(bundle.link?.find((l) => l.relation === 'self')?.url).toBe(`${SEARCH_BASE_URL}/Patient?gender=female,male&_sort=_id&_count=20`);
  });

  it('pages through next links until the end, with a total only where it is known or asked for', async () => {
    const first = await run('Patient', '_sort=_id&_count=2');
    expect(first.total).toBeUndefined();
    const next = first.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toBe(`${SEARCH_BASE_URL}/Patient?_sort=_id&_count=2&_offset=2`);
    const second = await run('Patient', new URL(next!).search.slice(1));
    expect(entries(second, 'match')).toEqual(['Patient/p3']);
    expect(second.total).toBe(3);
    expect(second.link?.map((l) => l.relation)).toEqual(['self', 'first', 'previous']);
    expect((await run('Patient', '_count=1&_total=accurate')).total).toBe(3);
    const count = await run('Patient', '_summary=count');
    expect(count).toMatchObject({ total: 3 });
    expect(count.entry).toEqual([]);
  });

  it('_include and _revinclude add resources in include mode, once each, outside _count', async () => {
    const bundle = await run('Observation', '_id=ob1&_include=Observation:subject&_revinclude=RiskAssessment:subject&_count=1');
    expect(entries(bundle, 'match')).toEqual(['Observation/ob1']);
    expect(entries(bundle, 'include')).toEqual(['Patient/p1']);
    const patients = await run('Patient', '_id=p1,p2&_revinclude=Observation:subject&_revinclude=RiskAssessment:subject&_include=Patient:organization');
    expect(entries(patients, 'include')).toEqual(['Observation/ob1', 'Observation/ob2', 'Organization/o1', 'Organization/o2', 'RiskAssessment/ra1']);
  });

  it('_include:iterate follows what was included; without it, only the matches are followed', async () => {
    expect(entries(await run('Task', '_id=t2&_include=Task:part-of&_include=Task:patient'), 'include')).toEqual(['Patient/p2', 'Task/t1']);
    expect(entries(await run('Task', '_id=t2&_include:iterate=Task:part-of&_include:iterate=Task:patient'), 'include')).toEqual(['Patient/p1', 'Patient/p2', 'Task/t1']);
    expect(entries(await run('Task', '_id=t1&_include=*'), 'include')).toEqual(['Organization/o1', 'Patient/p1']);
    expect(entries(await run('Task', '_id=t1&_include=Task:owner:Patient'), 'include')).toEqual([]);
  });

  it('reports ignored parameters in an OperationOutcome entry, and refuses them when strict', async () => {
    const bundle = await run('Patient', 'shoe-size=44&gender=female');
    expect(entries(bundle, 'match')).toEqual(['Patient/p1']);
    const outcome = bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome;
    expect(outcome.issue).toEqual([expect.objectContaining({ severity: 'warning', code: 'not-supported', expression: ['shoe-size'] })]);
    expect(bundle.link?.[0]?.url).not.toContain('shoe-size');
    await expect(run('Patient', 'shoe-size=44', { strict: true })).rejects.toMatchObject({ code: 'BRUG_FHIR_UNKNOWN_SEARCH_PARAMETER' });
  });

  it('applies _summary and _elements to matches and marks them SUBSETTED', async () => {
    const summary = await run('Patient', '_id=p1&_summary=true');
    const p1 = summary.entry?.[0]?.resource as Patient;
    expect(p1.meta?.tag?.map((t) => t.code)).toContain('SUBSETTED');
    const elements = await run('Patient', '_id=p1&_elements=birthDate');
    expect(Object.keys(elements.entry?.[0]?.resource ?? {}).sort()).toEqual(['birthDate', 'id', 'meta', 'resourceType']);
  });

  it('searches at system level, narrowed by _type', async () => {
    const bundle = await run(undefined, '_type=Patient,Task&_lastUpdated=ge2024-02-03');
    expect(entries(bundle, 'match')).toEqual(['Patient/p3', 'Task/t1', 'Task/t2', 'Task/t3']);
    expect(bundle.link?.[0]?.url).toBe(`${SEARCH_BASE_URL}?_type=Patient,Task&_lastUpdated=ge2024-02-03&_count=20`);
  });

  describe('with a search.scope hook that shows only female patients and tasks owned by o1', () => {
    const scoped = () => {
      const hooks = new HookRegistry();
      hooks.on('search.scope', async ({ resourceType }) => {
        if (resourceType === 'Patient') return { kind: 'token', param: 'gender', code: 'female' };
        if (resourceType === 'Task') return { kind: 'reference', param: 'owner', targetTypes: ['Organization'], targetId: 'o1' };
        return undefined;
      }, { name: 'test-scope' });
      return hooks;
    };

    it('limits searches, chains, _has, includes and system searches', async () => {
      const hooks = scoped();
      expect(entries(await run('Patient', '', { hooks }), 'match')).toEqual(['Patient/p1']);
      expect(entries(await run('Observation', 'subject:Patient.name=jansen', { hooks }), 'match')).toEqual([]);
      expect(entries(await run('Observation', 'subject:Patient.name=müller', { hooks }), 'match')).toEqual(['Observation/ob1']);
      expect(entries(await run('Organization', '_has:Task:owner:status=completed'), 'match')).toEqual(['Organization/o2']);
      expect(entries(await run('Organization', '_has:Task:owner:status=completed', { hooks }), 'match')).toEqual([]);
      const included = await run('Observation', '_include=Observation:subject', { hooks });
      expect(entries(included, 'include')).toEqual(['Patient/p1']);
      expect(entries(await run(undefined, '_type=Patient,Task,Organization', { hooks }), 'match')).toEqual(['Organization/o1', 'Organization/o2', 'Patient/p1', 'Task/t1']);
    });

    it('limits conditional matches too', async () => {
      expect(await findForCondition(engine(scoped()), 'Patient', 'gender=male', context, store.repository, 2)).toEqual([]);
    });
  });

  it('findForCondition returns up to the limit, strictly parsed', async () => {
    const found = await findForCondition(engine(), 'Patient', 'name=mul', context, store.repository, 5);
    expect(found.map((m) => m.id).sort()).toEqual(['p1', 'p3']);
    expect(await findForCondition(engine(), 'Patient', 'name=mul', context, store.repository, 1)).toHaveLength(1);
    await expect(findForCondition(engine(), 'Patient', 'nonsense=1', context, store.repository, 2)).rejects.toMatchObject({ code: 'BRUG_FHIR_UNKNOWN_SEARCH_PARAMETER' });
    await expect(findForCondition(engine(), 'Patient', '_count=1', context, store.repository, 2)).rejects.toMatchObject({ code: 'BRUG_FHIR_CONDITIONAL_EMPTY' });
  });
});
