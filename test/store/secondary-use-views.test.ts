import { emptyIndexRows, type Store } from '../../src/store/index.ts';
import { STORE_KINDS } from '../support/app.ts';
import { openTestStore, type TestStore } from '../support/store.ts';

/** The views other layers compute figures from (src/store/migrations/003-secondary-use.ts) show what was written. */
describe.each(STORE_KINDS)('secondary-use views [%s]', (kind) => {
  let store: Store;
  let testStore: TestStore;

  beforeAll(async () => {
    testStore = await openTestStore(kind);
    store = testStore.store;
    const index = {
      ...emptyIndexRows(),
      token: [{ param: 'status', system: 'http://hl7.org/fhir/task-status', code: 'requested', text: null }],
      reference: [{ param: 'owner', targetType: 'Organization', targetId: 'w1', targetVersion: null, url: null, identifierSystem: null, identifierValue: null }],
      date: [{ param: 'authored-on', low: '2026-03-01T00:00:00.000Z', high: '2026-03-01T23:59:59.999Z' }],
      uri: [{ param: 'instantiates-uri', value: 'https://example.org/plan' }],
    };
    const write = (versionId: number, status: string) => ({
      resourceType: 'Task',
      id: 't1',
      versionId,
      lastUpdated: new Date(Date.UTC(2026, 2, 1, 12, 0, versionId)).toISOString(),
      method: 'PUT' as const,
      json: JSON.stringify({ resourceType: 'Task', id: 't1', status }),
      index,
      isNew: versionId === 1,
    });
    await store.repository.transaction((tx) => tx.writeVersion(write(1, 'requested')));
    await store.repository.transaction((tx) => tx.writeVersion(write(2, 'accepted')));
  });
  afterAll(async () => {
    await testStore.close();
  });

  const rows = async (sql: string) => (await store.db.query<Record<string, unknown>>(sql)).rows;

  it('gives each index value with its resource and parameter', async () => {
    expect(await rows("SELECT resource_type, id, param, system, code FROM indexed_token WHERE id = 't1'")).toEqual([
      { resource_type: 'Task', id: 't1', param: 'status', system: 'http://hl7.org/fhir/task-status', code: 'requested' },
    ]);
    expect(await rows("SELECT resource_type, id, param, target_type, target_id FROM indexed_reference WHERE id = 't1'")).toEqual([
      { resource_type: 'Task', id: 't1', param: 'owner', target_type: 'Organization', target_id: 'w1' },
    ]);
    expect(await rows("SELECT param, low < high AS ordered FROM indexed_date WHERE id = 't1'")).toEqual([{ param: 'authored-on', ordered: true }]);
    expect(await rows("SELECT param, value FROM indexed_uri WHERE id = 't1'")).toEqual([{ param: 'instantiates-uri', value: 'https://example.org/plan' }]);
  });

  it('gives every stored version with its content', async () => {
    const versions = await rows("SELECT version_id, content FROM stored_versions WHERE resource_type = 'Task' AND id = 't1' ORDER BY version_id");
    expect(versions.map((v) => [v.version_id, JSON.parse(String(v.content)).status])).toEqual([
      [1, 'requested'],
      [2, 'accepted'],
    ]);
  });
});
