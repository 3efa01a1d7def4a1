import { searchLinks } from './build-links.ts';

const base = 'https://server.example/fhir/Patient';
const params: [string, string][] = [['subject:Patient.name', 'Jan, Piet'], ['code', 'http://x|1']];

describe('searchLinks', () => {
  it('gives self and first, previous on later pages and next when more follow', () => {
    const links = searchLinks(base, params, 10, 20, true);
    expect(links.map((l) => l.relation)).toEqual(['self', 'first', 'previous', 'next']);
    expect(links[0]!.url).toBe(`${base}?subject:Patient.name=Jan,%20Piet&code=http://x%7C1&_count=10&_offset=20`);
    expect(links[1]!.url).toMatch(/_count=10$/);
    expect(links[2]!.url).toMatch(/_count=10&_offset=10$/);
    expect(links[3]!.url).toMatch(/_count=10&_offset=30$/);
  });

  it('leaves out previous on the first page and next on the last', () => {
    expect(searchLinks(base, [], 10, 0, false).map((l) => l.relation)).toEqual(['self', 'first']);
  });

  it('round-trips through URL decoding', () => {
    const url = new URL(searchLinks(base, params, 10, 0, false)[0]!.url!);
    expect([...url.searchParams]).toEqual([...params, ['_count', '10']]);
  });
});
