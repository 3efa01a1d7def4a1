import { emptyIndexRows, type Store } from '../../src/store/index.ts';
import { STORE_KINDS } from '../support/app.ts';
import { openTestStore, type TestStore } from '../support/store.ts';

/** The same contract on the embedded store and on PostgreSQL: the service may not tell them apart. */
describe.each(STORE_KINDS)('Repository contract [%s]', (kind) => {
  let store: Store;
  let testStore: TestStore;

  beforeAll(async () => {
    testStore = await openTestStore(kind);
    store = testStore.store;
  });
  afterAll(async () => {
    await testStore.close();
  });

  const version = (id: string, versionId: number, isNew: boolean, extra: object = {}) => ({
    resourceType: 'Patient',
    id,
    versionId,
    lastUpdated: new Date(Date.UTC(2026, 0, 1, 12, 0, versionId)).toISOString(),
    method: 'PUT' as const,
    json: JSON.stringify({ resourceType: 'Patient', id, ...extra }),
    index: { ...emptyIndexRows(), token: [{ param: 'gender', system: null, code: 'female', text: null }] },
    isNew,
  });

  it('writes versions, reads the current one and any historic one', async () => {
    const repo = store.repository;
    await repo.transaction((tx) => tx.writeVersion(version('c1', 1, true)));
    await repo.transaction((tx) => tx.writeVersion(version('c1', 2, false, { gender: 'female' })));
    const current = await repo.readCurrent('Patient', 'c1');
    expect(current).toMatchObject({ versionId: 2, deleted: false, lastUpdated: '2026-01-01T12:00:02.000Z' });
    expect(JSON.parse(current!.json!).gender).toBe('female');
    const first = await repo.readVersion('Patient', 'c1', 1);
    expect(first?.json).toBe(JSON.stringify({ resourceType: 'Patient', id: 'c1' }));
    expect(await repo.readVersion('Patient', 'c1', 3)).toBeUndefined();
    expect(await repo.readCurrent('Patient', 'nope')).toBeUndefined();
  });

  it('replaces index rows on update and removes them on delete', async () => {
    const repo = store.repository;
    const query = { resourceTypes: ['Patient'], filter: { kind: 'token' as const, param: 'gender', code: 'female' }, sort: [], count: 10, offset: 0, total: 'accurate' as const };
    await repo.transaction((tx) => tx.writeVersion(version('c2', 1, true)));
    expect((await repo.search(query)).matches.map((m) => m.id)).toContain('c2');
    await repo.transaction((tx) => tx.writeVersion({ ...version('c2', 2, false), index: emptyIndexRows() }));
    expect((await repo.search(query)).matches.map((m) => m.id)).not.toContain('c2');
    await repo.transaction((tx) => tx.writeVersion(version('c2', 3, false)));
    await repo.transaction((tx) => tx.writeDeletion('Patient', 'c2', 4, new Date().toISOString()));
    expect((await repo.search(query)).matches.map((m) => m.id)).not.toContain('c2');
    expect((await repo.readCurrent('Patient', 'c2'))?.deleted).toBe(true);
    const history = await repo.history({ resourceType: 'Patient', id: 'c2', count: 10, offset: 0 });
    expect(history.versions.map((v) => [v.versionId, v.method])).toEqual([[4, 'DELETE'], [3, 'PUT'], [2, 'PUT'], [1, 'PUT']]);
  });

  it('finds resources by the text of any stored version, deleted ones too, and rewrites every version in place', async () => {
    const repo = store.repository;
    await repo.transaction((tx) => tx.writeVersion(version('r1', 1, true, { name: [{ family: 'Redact' }], managingOrganization: { reference: 'Organization/o9' } })));
    await repo.transaction((tx) => tx.writeVersion(version('r1', 2, false, { managingOrganization: { reference: 'Organization/o9' } })));
    await repo.transaction((tx) => tx.writeDeletion('Patient', 'r1', 3, new Date().toISOString()));
    expect(await repo.idsMentioning(['Patient'], ['"Organization/o9"'])).toEqual([{ resourceType: 'Patient', id: 'r1' }]);
    expect(await repo.idsMentioning(['Observation'], ['"Organization/o9"'])).toEqual([]);
    const rewritten = await repo.transaction((tx) => tx.redactHistory('Patient', 'r1', (json) => JSON.stringify({ ...JSON.parse(json), name: undefined, redacted: true })));
    expect(rewritten).toBe(2);
    const history = await repo.history({ resourceType: 'Patient', id: 'r1', count: 10, offset: 0 });
    expect(history.versions.map((v) => [v.versionId, v.method, v.json === null ? null : JSON.parse(v.json).redacted])).toEqual([[3, 'DELETE', null], [2, 'PUT', true], [1, 'PUT', true]]);
    expect(history.versions.some((v) => v.json?.includes('Redact"'))).toBe(false);
  });

  it('rolls the whole transaction back when anything in it fails', async () => {
    const repo = store.repository;
    await expect(
      repo.transaction(async (tx) => {
        await tx.writeVersion(version('c3', 1, true));
        await tx.writeVersion(version('c3', 1, true)); // same key again: unique violation
      }),
    ).rejects.toMatchObject({ category: 'conflict' });
    expect(await repo.readCurrent('Patient', 'c3')).toBeUndefined();
    expect((await repo.history({ resourceType: 'Patient', id: 'c3', count: 10, offset: 0 })).total).toBe(0);
  });

  it('serialises writers of one key with lockKey', async () => {
    const repo = store.repository;
    const order: string[] = [];
    const worker = (name: string) =>
      repo.transaction(async (tx) => {
        await tx.lockKey('contract-lock');
        order.push(`${name}-in`);
        await new Promise((r) => setTimeout(r, 30));
        order.push(`${name}-out`);
      });
    await Promise.all([worker('a'), worker('b')]);
    expect([order.slice(0, 2), order.slice(2)].every((pair) => pair[0]!.replace('-in', '') === pair[1]!.replace('-out', ''))).toBe(true);
  });
});
