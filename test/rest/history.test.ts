import { describeEachStore, FHIR_JSON } from '../support/app.ts';

describeEachStore('history at type and system level', (t) => {
  it('lists versions newest first with paging links, _since and _count', async () => {
    const before = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t().app.inject({
        method: 'POST', url: '/fhir/Organization', payload: JSON.stringify({ resourceType: 'Organization', name: `Welzijn ${i}` }), headers: { 'content-type': FHIR_JSON },
      });
      ids.push(res.json().id);
    }
    const type = (await t().app.inject({ method: 'GET', url: `/fhir/Organization/_history?_since=${encodeURIComponent(before)}&_count=2` })).json();
    expect(type.resourceType).toBe('Bundle');
    expect(type.type).toBe('history');
    expect(type.total).toBe(3);
    expect(type.entry).toHaveLength(2);
    expect(type.entry[0].resource.id).toBe(ids[2]);
    expect(type.entry[0].request).toEqual({ method: 'POST', url: 'Organization' });
    expect(type.entry[0].response.status).toBe('201 Created');
    const next = type.link.find((l: { relation: string }) => l.relation === 'next');
    expect(next).toBeDefined();
    const page2 = (await t().app.inject({ method: 'GET', url: next.url.replace(t().baseUrl, '/fhir') })).json();
    expect(page2.entry).toHaveLength(1);
    expect(page2.entry[0].resource.id).toBe(ids[0]);

    const system = (await t().app.inject({ method: 'GET', url: `/fhir/_history?_since=${encodeURIComponent(before)}` })).json();
    expect(system.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([...ids].reverse());
  });

  it('refuses a malformed _since with 400', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/fhir/_history?_since=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issue[0].expression).toEqual(['_since']);
  });
});
