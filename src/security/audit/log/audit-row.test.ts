import { EVENT_TYPE, interactionSubtype, LOGIN } from '../audit-codes.ts';
import { buildAuditEvent, patientEntity, queryEntity, resourceEntity, type AuditFacts } from '../audit-event.ts';
import { renderRow, rowOfFacts } from './audit-row.ts';

const BASE = 'https://brug.example.org/fhir';
const organization = { id: 'org-1', reference: 'Organization/org-1' };
const actor = { clientId: 'his-1', organization, role: 'first-line', practitioner: { system: 'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers', value: '900012345' }, tokenId: 'tok-1', ip: '10.0.0.7' };

/** What the event was as a stored resource: the built AuditEvent with its id and meta. */
function asStored(facts: AuditFacts, id: string): string {
  const { resourceType, ...rest } = buildAuditEvent(facts, { site: new URL(BASE).host, baseUrl: BASE });
  return JSON.stringify({ resourceType, id, meta: { versionId: '1', lastUpdated: facts.recorded }, ...rest });
}

const cases: [string, AuditFacts][] = [
  [
    'a read of a Task, with its patient',
    {
      type: EVENT_TYPE.rest,
      subtype: interactionSubtype('read'),
      action: 'R',
      recorded: '2026-12-08T10:00:00.250Z',
      started: '2026-12-08T10:00:00.240Z',
      outcome: '0',
      actor,
      entities: [resourceEntity('Task', 't1', '3'), patientEntity('Patient/p1')],
    },
  ],
  [
    'a search with its query and patients',
    {
      type: EVENT_TYPE.rest,
      subtype: interactionSubtype('search-type'),
      action: 'E',
      recorded: '2026-12-08T10:00:01.000Z',
      outcome: '0',
      actor,
      entities: [queryEntity('Task?owner=Organization/o1&status=requested'), patientEntity('Patient/p1'), patientEntity('Patient/p2')],
    },
  ],
  [
    'a refused request without a client',
    { type: EVENT_TYPE.rest, action: 'R', recorded: '2026-12-08T10:00:02.000Z', outcome: '4', outcomeDesc: 'No access token', actor: { ip: '10.0.0.9' }, entities: [queryEntity('GET Patient/p1')] },
  ],
  [
    'a token request, granted',
    {
      type: EVENT_TYPE.userAuthentication,
      subtype: LOGIN,
      action: 'E',
      recorded: '2026-12-08T10:00:03.000Z',
      outcome: '0',
      actor: { clientId: 'his-1', organization, ip: '10.0.0.7' },
      entities: [{ type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' }, name: 'access token', detail: [{ type: 'scope', valueString: 'system/Task.rs' }] }],
    },
  ],
];

describe('rowOfFacts and renderRow', () => {
  it.each(cases)('keep %s as a row that renders to the event as it was built', (_name, facts) => {
    const row = rowOfFacts(facts, BASE);
    expect(renderRow(row)).toBe(asStored(facts, row.id));
  });

  it('keeps the NEN 7513 fields as columns, not as JSON', () => {
    const row = rowOfFacts(cases[0]![1], BASE);
    expect(row).toMatchObject({ typeCode: 'rest', subtypeCode: 'read', action: 'R', clientId: 'his-1', organizationId: 'org-1', entityType: 'Task', entityId: 't1', entityVersion: '3', patients: ['p1'], legacy: null });
  });

  it('serves an event kept from before the log as it was stored', () => {
    const row = { ...rowOfFacts(cases[0]![1], BASE), legacy: '{"resourceType":"AuditEvent","id":"x"}' };
    expect(renderRow(row)).toBe('{"resourceType":"AuditEvent","id":"x"}');
  });
});
