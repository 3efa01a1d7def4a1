import { describeEachStore } from '../support/app.ts';

describeEachStore('CapabilityStatement', (t) => {
  it('describes what is served: types, interactions, search parameters, formats', async () => {
    const res = await t().app.inject({ method: 'GET', url: '/fhir/metadata' });
    expect(res.statusCode).toBe(200);
    const cs = res.json();
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.kind).toBe('instance');
    expect(cs.format).toContain('application/fhir+json');
    const rest = cs.rest[0];
    const types = rest.resource.map((r: { type: string }) => r.type);
    expect(types).toEqual(expect.arrayContaining(['Patient', 'Task', 'ServiceRequest', 'Consent', 'AuditEvent', 'ValueSet']));
    expect(types).not.toContain('Medication');
    const task = rest.resource.find((r: { type: string }) => r.type === 'Task');
    expect(task.interaction.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type']),
    );
    expect(task.searchParam.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['owner', 'status', 'business-status', '_lastUpdated']));
    expect(task.versioning).toBe('versioned-update');
    expect(rest.interaction.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['transaction', 'batch', 'history-system']));
  });
});
