import { mergePages } from './merge-pages.ts';
import type { SearchQuery, StoredMatch } from './search/query.ts';

const match = (resourceType: string, id: string, lastUpdated = '2026-12-08T10:00:00.000Z'): StoredMatch => ({ resourceType, id, versionId: 1, lastUpdated, json: '{}' });
const query = (over: Partial<SearchQuery>): SearchQuery => ({ resourceTypes: ['AuditEvent', 'Patient'], sort: [], count: 2, offset: 0, total: 'none', ...over });
const keys = (ms: StoredMatch[]) => ms.map((m) => `${m.resourceType}/${m.id}`);

describe('mergePages', () => {
  const patients = { matches: [match('Patient', 'a'), match('Patient', 'c')], hasMore: false, total: 2 };
  const events = { matches: [match('AuditEvent', 'b', '2026-12-08T11:00:00.000Z'), match('AuditEvent', 'd', '2026-12-08T09:00:00.000Z')], hasMore: true, total: 7 };

  it('orders by type and id, as one search would, and pages the merged list', () => {
    expect(keys(mergePages([patients, events], query({})).matches)).toEqual(['AuditEvent/b', 'AuditEvent/d']);
    const second = mergePages([patients, events], query({ offset: 2 }));
    expect(keys(second.matches)).toEqual(['Patient/a', 'Patient/c']);
    expect(second.hasMore).toBe(true);
  });

  it('orders by _lastUpdated across the parts, and adds up the totals', () => {
    const page = mergePages([patients, events], query({ sort: [{ kind: 'last-updated', descending: true }], count: 3, total: 'accurate' }));
    expect(keys(page.matches)).toEqual(['AuditEvent/b', 'Patient/a', 'Patient/c']);
    expect(page.total).toBe(9);
  });
});
