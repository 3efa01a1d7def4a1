import { roleAllows } from './access-policy.ts';
import { custodianFilter } from './custodian.ts';
import { actionFor } from './interaction-actions.ts';
import { NOTHING, orgRef, readScope } from './read-scopes.ts';

describe('read scopes', () => {
  test('an administrator and the directory are not limited', () => {
    expect(readScope('admin', undefined, 'Patient')).toBeUndefined();
    expect(readScope('municipality', 'g', 'HealthcareService')).toBeUndefined();
    expect(readScope('auditor', 'a', 'AuditEvent')).toBeUndefined();
  });

  test('a type the role never reads, or a role without an organisation, matches nothing', () => {
    expect(readScope('municipality', 'g', 'Patient')).toEqual(NOTHING);
    expect(readScope('auditor', 'a', 'Task')).toEqual(NOTHING);
    expect(readScope('first-line', undefined, 'Task')).toEqual(NOTHING);
    expect(readScope('social-domain', 'w', 'MeasureReport')).toEqual(NOTHING);
  });

  test('own records are the custodian\'s; a Task is its owner\'s or its requester\'s', () => {
    expect(readScope('social-domain', 'w', 'Observation')).toEqual(custodianFilter('w'));
    expect(readScope('social-domain', 'w', 'Task')).toEqual({ kind: 'or', filters: [orgRef('owner', 'w'), custodianFilter('w')] });
    expect(readScope('first-line', 'p', 'Task')).toEqual({ kind: 'or', filters: [orgRef('requester', 'p'), custodianFilter('p')] });
  });
});

describe('interaction actions and role grants', () => {
  test.each([
    ['create', 'Task', 'c'],
    ['history-instance', 'Task', 'r'],
    ['history-type', 'Task', 's'],
    ['patch', 'Task', 'u'],
    ['operation', 'ValueSet', 'r'],
    ['operation', undefined, undefined],
    ['search-system', undefined, undefined],
    ['transaction', undefined, undefined],
  ] as const)('%s on %s needs %s', (interaction, type, action) => {
    expect(actionFor(interaction, type)).toBe(action);
  });

  test('nobody writes the audit trail, an administrator writes everything else', () => {
    expect(roleAllows('admin', 'AuditEvent', 'c')).toBe(false);
    expect(roleAllows('admin', 'AuditEvent', 'r')).toBe(true);
    expect(roleAllows('admin', 'Organization', 'd')).toBe(true);
    expect(roleAllows('social-domain', 'Task', 'c')).toBe(false);
    expect(roleAllows('social-domain', 'Task', 'u')).toBe(true);
  });
});
