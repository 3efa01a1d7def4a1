import { matchesCriteria, parseFilterCriteria } from './filter-criteria.ts';
import { TOPICS, type ChangeFacts } from './topics.ts';

const taskTopic = TOPICS[0]!;
const facts: ChangeFacts = {
  method: 'PUT',
  values: { owner: ['HealthcareService/coach', 'Organization/w'], status: ['accepted'], 'business-status': ['vraagverheldering', 'https://brug.example.org/fhir/CodeSystem/brug-processtap|vraagverheldering'] },
  addedOutputs: [],
};

describe('filter criteria', () => {
  it('parses with or without the type, ANDs parameters and ORs comma-separated values', () => {
    const criteria = parseFilterCriteria('Task?owner=Organization/w&status=requested,accepted', taskTopic, 'x');
    expect(criteria).toEqual([
      { name: 'owner', values: ['Organization/w'] },
      { name: 'status', values: ['requested', 'accepted'] },
    ]);
    expect(matchesCriteria(criteria, facts)).toBe(true);
    expect(matchesCriteria(parseFilterCriteria('owner=Organization/w&status=requested', taskTopic, 'x'), facts)).toBe(false);
    expect(matchesCriteria(parseFilterCriteria('business-status=https://brug.example.org/fhir/CodeSystem/brug-processtap|vraagverheldering', taskTopic, 'x'), facts)).toBe(true);
    expect(matchesCriteria(parseFilterCriteria('owner=Organization/other', taskTopic, 'x'), facts)).toBe(false);
    expect(matchesCriteria([], facts)).toBe(true);
  });

  it.each([
    ['Patient?owner=Organization/1', 'about Task'],
    ['Task?', 'no filter'],
    ['owner', 'name=value'],
    ['owner:missing=true', 'modifiers'],
    ['subject=Patient/1', 'no filter "subject"'],
    ['owner=', 'no value'],
    ['owner=Organisatie 1', 'relative reference'],
    ['owner=%E0%A4%A', 'URL-encoded'],
  ])('refuses %s (%s), naming where', (text, why) => {
    expect(() => parseFilterCriteria(text, taskTopic, 'Subscription.criteria.extension[0]')).toThrow(why);
    try {
      parseFilterCriteria(text, taskTopic, 'Subscription.criteria.extension[0]');
    } catch (err) {
      expect((err as { expression: string[] }).expression).toEqual(['Subscription.criteria.extension[0]']);
    }
  });
});
