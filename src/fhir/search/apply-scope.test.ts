import type { Filter } from '../../store/index.ts';
import { applyScopes, type ScopeLookup } from './apply-scope.ts';

const orgOnly: Filter = { kind: 'reference', param: 'organization', targetTypes: ['Organization'], targetId: 'o1' };
const scopes: Record<string, Filter[]> = { Patient: [orgOnly], Task: [] };
const scope: ScopeLookup = async (type) => scopes[type] ?? [];
const status: Filter = { kind: 'token', param: 'status', code: 'ready' };

describe('applyScopes', () => {
  it('ANDs the scope of the searched type into the filter', async () => {
    expect(await applyScopes(status, ['Patient'], scope)).toEqual({ kind: 'and', filters: [status, orgOnly] });
    expect(await applyScopes(undefined, ['Patient'], scope)).toEqual(orgOnly);
    expect(await applyScopes(status, ['Task'], scope)).toEqual(status);
  });

  it('scopes each type of a system search separately', async () => {
    expect(await applyScopes(undefined, ['Patient', 'Task'], scope)).toEqual({
      kind: 'or',
      filters: [{ kind: 'and', filters: [{ kind: 'type', resourceTypes: ['Patient'] }, orgOnly] }, { kind: 'type', resourceTypes: ['Task'] }],
    });
  });

  it('scopes chained and reverse-chained resources too', async () => {
    const chain: Filter = { kind: 'chain', param: 'subject', targetTypes: ['Patient', 'Group'], filter: status };
    expect(await applyScopes(chain, ['Task'], scope)).toEqual({
      kind: 'or',
      filters: [
        { kind: 'chain', param: 'subject', targetTypes: ['Patient'], filter: { kind: 'and', filters: [status, orgOnly] } },
        { kind: 'chain', param: 'subject', targetTypes: ['Group'], filter: status },
      ],
    });
    const has: Filter = { kind: 'not', filter: { kind: 'has', sourceType: 'Patient', param: 'link', filter: status } };
    expect(await applyScopes(has, ['Task'], scope)).toEqual({
      kind: 'not', filter: { kind: 'has', sourceType: 'Patient', param: 'link', filter: { kind: 'and', filters: [status, orgOnly] } },
    });
  });
});
