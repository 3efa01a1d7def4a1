import { DOMAINS, lifeDomains, resolverWith, valueSet } from '../../test/terminology/fixtures.ts';
import { isBrugError } from '../errors.ts';
import { expandValueSet, MAX_EXPANSION } from './expand-value-set.ts';

const resolver = resolverWith({ package: [lifeDomains] });

async function codes(compose: Parameters<typeof valueSet>[1], r = resolver): Promise<string[]> {
  const expansion = await expandValueSet(valueSet('http://example.org/vs', compose), r, { cacheable: false });
  return [...expansion.concepts.values()].map((c) => c.code);
}

describe('expandValueSet', () => {
  it('includes a whole code system, a concept list, or a filter', async () => {
    expect(await codes({ include: [{ system: DOMAINS }] })).toHaveLength(9);
    expect(await codes({ include: [{ system: DOMAINS, concept: [{ code: 'rouw' }, { code: 'nope' }] }] })).toEqual(['rouw']);
    expect(await codes({ include: [{ system: DOMAINS, filter: [{ property: 'concept', op: 'is-a', value: 'sociaal' }] }] })).toEqual(['sociaal', 'netwerk', 'werk']);
  });

  it('takes displays from the code system unless the value set gives its own', async () => {
    const expansion = await expandValueSet(
      valueSet('http://example.org/vs', { include: [{ system: DOMAINS, concept: [{ code: 'rouw' }, { code: 'werk', display: 'Werk' }] }] }),
      resolver,
      { cacheable: false },
    );
    expect([...expansion.concepts.values()].map((c) => c.display)).toEqual(['Rouw', 'Werk']);
  });

  it('excludes, and intersects nested value sets', async () => {
    const psychisch = valueSet('http://example.org/vs/psychisch', { include: [{ system: DOMAINS, filter: [{ property: 'concept', op: 'is-a', value: 'psychisch' }] }] });
    const r = resolverWith({ package: [lifeDomains], stored: [psychisch] });
    expect(await codes({ include: [{ system: DOMAINS }], exclude: [{ valueSet: [psychisch.url!] }] }, r)).toEqual(['sociaal', 'netwerk', 'werk', 'financien', 'oud', 'groep']);
    expect(await codes({ include: [{ system: DOMAINS, concept: [{ code: 'rouw' }, { code: 'werk' }], valueSet: [psychisch.url!] }] }, r)).toEqual(['rouw']);
    expect(await codes({ include: [{ valueSet: [psychisch.url!] }] }, r)).toEqual(['psychisch', 'eenzaamheid', 'rouw']);
  });

  it('drops inactive codes when compose.inactive is false', async () => {
    expect(await codes({ inactive: false, include: [{ system: DOMAINS }] })).not.toContain('oud');
  });

  it('lists explicit codes of systems it does not hold, and reports filters over them as open', async () => {
    const expansion = await expandValueSet(
      valueSet('http://example.org/vs', {
        include: [
          { system: 'http://snomed.info/sct', concept: [{ code: '73595000', display: 'Stress' }] },
          { system: 'http://snomed.info/sct', filter: [{ property: 'concept', op: 'is-a', value: '404684003' }] },
        ],
      }),
      resolver,
      { cacheable: false },
    );
    expect([...expansion.concepts.values()].map((c) => c.code)).toEqual(['73595000']);
    expect(expansion.openIncludes).toEqual([{ system: 'http://snomed.info/sct', reason: expect.stringMatching(/SNOMED CT .* not held/) }]);
  });

  it('reports an unknown nested value set as open, and refuses a cycle', async () => {
    const unknown = await expandValueSet(valueSet('http://example.org/vs', { include: [{ valueSet: ['http://example.org/none'] }] }), resolver, { cacheable: false });
    expect(unknown.openIncludes[0]?.reason).toMatch(/not known/);
    const a = valueSet('http://example.org/a', { include: [{ valueSet: ['http://example.org/b'] }] });
    const b = valueSet('http://example.org/b', { include: [{ valueSet: ['http://example.org/a'] }] });
    const cyclic = resolverWith({ stored: [a, b] });
    await expect(expandValueSet(a, cyclic, { cacheable: false })).rejects.toMatchObject({ code: 'BRUG_TERM_VALUE_SET_CYCLE' });
  });

  it('refuses an expansion above the ceiling as too costly', async () => {
    const big = { ...lifeDomains, url: 'http://example.org/big', concept: Array.from({ length: MAX_EXPANSION + 1 }, (_, i) => ({ code: `c${i}` })) };
    const err = await expandValueSet(valueSet('http://example.org/vs', { include: [{ system: big.url }] }), resolverWith({ package: [big] }), { cacheable: false }).catch((e: unknown) => e);
    expect(isBrugError(err) && err.issues?.[0]?.code).toBe('too-costly');
  });

  it('caches the expansions of package and base value sets, not of stored ones', async () => {
    const vs = valueSet('http://example.org/vs', { include: [{ system: DOMAINS }] });
    const first = await expandValueSet(vs, resolver, { cacheable: true });
    expect(await expandValueSet(vs, resolver, { cacheable: true })).toBe(first);
    expect(await expandValueSet(vs, resolver, { cacheable: false })).not.toBe(first);
    const fromStore = resolverWith({ stored: [lifeDomains] });
    const unstable = await expandValueSet(vs, fromStore, { cacheable: true });
    expect(unstable.stable).toBe(false);
    expect(await expandValueSet(vs, fromStore, { cacheable: true })).not.toBe(unstable);
  });

  it('uses a precomputed expansion when there is no compose', async () => {
    const pre = { ...valueSet('http://example.org/pre', undefined), expansion: { timestamp: '2024-01-01', contains: [{ system: 's', code: 'a', contains: [{ system: 's', code: 'b' }] }] } };
    const expansion = await expandValueSet(pre, resolver, { cacheable: false });
    expect([...expansion.concepts.values()].map((c) => c.code)).toEqual(['a', 'b']);
  });
});
