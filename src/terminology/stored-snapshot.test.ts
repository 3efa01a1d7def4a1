import type { Repository, SearchQuery } from '../store/index.ts';
import { StoredSnapshot } from './stored-snapshot.ts';

/** A repository that only answers searches, from a list that the test may change. */
function fakeRepository(resources: { resourceType: string; id: string; url?: string; group?: unknown[] }[]): { repo: Repository; searches: () => number } {
  let count = 0;
  const search = async (query: SearchQuery) => {
    count++;
    const matches = resources
      .filter((r) => query.resourceTypes.includes(r.resourceType))
      .map((r) => ({ resourceType: r.resourceType, id: r.id, versionId: 1, lastUpdated: '2024-01-01T00:00:00Z', json: JSON.stringify(r) }));
    return { matches, hasMore: false };
  };
  return { repo: { search } as unknown as Repository, searches: () => count };
}

describe('StoredSnapshot', () => {
  const resources = [
    { resourceType: 'ValueSet', id: 'a', url: 'http://x/vs/a' },
    { resourceType: 'ConceptMap', id: 'm', url: 'http://x/cm', group: [{ source: 'http://x/cs1', target: 'http://x/cs2' }] },
  ];

  it('answers from what it read last, without touching the store while fresh', async () => {
    const { repo, searches } = fakeRepository(resources);
    const snapshot = new StoredSnapshot(repo, 60_000, () => undefined);
    await snapshot.refresh();
    const after = searches();
    expect((await snapshot.find('ValueSet', { url: 'http://x/vs/a' }))?.id).toBe('a');
    expect((await snapshot.byId('ConceptMap', 'm'))?.url).toBe('http://x/cm');
    expect((await snapshot.conceptMaps('http://x/cs1', false)).map((m) => m.id)).toEqual(['m']);
    expect(await snapshot.conceptMaps('http://x/cs1', true)).toEqual([]);
    expect((await snapshot.conceptMaps('http://x/cs2', true)).map((m) => m.id)).toEqual(['m']);
    expect(searches()).toBe(after);
  });

  it('refreshes in the background once stale, answering from the old snapshot meanwhile', async () => {
    const list = [...resources];
    const { repo, searches } = fakeRepository(list);
    const snapshot = new StoredSnapshot(repo, 0, () => undefined);
    await snapshot.refresh();
    list.push({ resourceType: 'ValueSet', id: 'b', url: 'http://x/vs/b' });
    const before = searches();
    expect(await snapshot.find('ValueSet', { url: 'http://x/vs/b' })).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(searches()).toBeGreaterThan(before);
    expect((await snapshot.find('ValueSet', { url: 'http://x/vs/b' }))?.id).toBe('b');
  });

  it('reports a failed background refresh instead of throwing it at the caller', async () => {
    const errors: unknown[] = [];
    const repo = { search: async () => Promise.reject(new Error('store down')) } as unknown as Repository;
    const snapshot = new StoredSnapshot(repo, 0, (err) => errors.push(err));
    await expect(snapshot.find('ValueSet', { url: 'x' })).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
  });
});
