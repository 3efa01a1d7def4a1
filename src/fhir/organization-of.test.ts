import type { Resource } from '@medplum/fhirtypes';
import type { Repository, ResourceVersion } from '../store/index.ts';
import { organizationOf } from './read-referenced.ts';

/** Only readCurrent is used: a map of stored resources stands in for the store. */
function repoOf(resources: Resource[]): Repository {
  const byKey = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const readCurrent = async (type: string, id: string): Promise<ResourceVersion | undefined> => {
    const r = byKey.get(`${type}/${id}`);
    return r && { resourceType: type, id, versionId: 1, lastUpdated: '2026-01-01T00:00:00.000Z', deleted: false, json: JSON.stringify(r), method: 'POST' };
  };
  return { readCurrent } as unknown as Repository;
}

describe('organizationOf', () => {
  const repo = repoOf([
    { resourceType: 'PractitionerRole', id: 'poh', organization: { reference: 'Organization/praktijk' } },
    { resourceType: 'HealthcareService', id: 'coach', providedBy: { reference: 'Organization/welzijn' } },
  ]);

  test.each([
    ['Organization/praktijk', 'praktijk'],
    ['PractitionerRole/poh', 'praktijk'],
    ['HealthcareService/coach', 'welzijn'],
    ['PractitionerRole/unknown', undefined],
    ['Practitioner/someone', undefined],
    ['https://elders.example.org/fhir/Organization/praktijk', undefined],
    ['#contained', undefined],
  ])('%s stands for %s', async (reference, organization) => {
    expect(await organizationOf(repo, { reference })).toBe(organization);
  });
});
