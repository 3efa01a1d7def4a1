import { randomUUID } from 'node:crypto';
import type { Organization } from '@medplum/fhirtypes';
import type { Engine } from '../../fhir/index.ts';
import { SecurityErrors } from '../errors.ts';
import type { OrganizationRef } from '../principal.ts';
import type { Role } from '../roles.ts';
import { BrugCodeSystems, BrugExtensions, BrugProfiles } from '../../canonical-urls.ts';

export interface OrganizationInput {
  readonly identifier: { readonly system: string; readonly value: string };
  readonly name: string;
}

/**
 * CBS municipality codes (`GM0344`) as an identifier: no NamingSystem is published for them, so Brug uses the
 * canonical of its own code system for that list (profiles: BrugGemeenteCS), as its `brug-gemeente` extension does.
 */
export const CBS_MUNICIPALITY_SYSTEM = BrugCodeSystems.gemeente;

/** The identifier systems an organisation is registered with, and the form of their values. */
export const ORGANIZATION_IDENTIFIER_SYSTEMS: Readonly<Record<string, RegExp>> = {
  'http://fhir.nl/fhir/NamingSystem/ura': /^\d{8}$/,
  'http://fhir.nl/fhir/NamingSystem/agb-z': /^\d{8}$/,
  'http://fhir.nl/fhir/NamingSystem/kvk': /^\d{8}$/,
  [CBS_MUNICIPALITY_SYSTEM]: /^GM\d{4}$/,
};

const ORGANIZATION_TYPES: Partial<Record<Role, { system: string; code: string; display: string }>> = {
  'first-line': { system: 'urn:oid:2.16.840.1.113883.2.4.15.1060', code: 'Z3', display: 'Huisartspraktijk' },
  'social-domain': { system: BrugCodeSystems.organisatieSoort, code: 'welzijnsorganisatie', display: 'Welzijnsorganisatie' },
  municipality: { system: BrugCodeSystems.organisatieSoort, code: 'gemeente', display: 'Gemeente' },
};

/** Refuses an identifier Brug cannot register an organisation with (`invalidClient`, 400). */
export function checkOrganization(input: OrganizationInput, role: Role): void {
  const { system, value } = input.identifier;
  const form = ORGANIZATION_IDENTIFIER_SYSTEMS[system];
  if (!form) {
    throw SecurityErrors.invalidClient([`organization.identifier.system must be one of ${Object.keys(ORGANIZATION_IDENTIFIER_SYSTEMS).join(', ')}`], { expression: ['organization.identifier.system'] });
  }
  if (!form.test(value)) throw SecurityErrors.invalidClient([`organization.identifier.value does not have the form of ${system}`], { expression: ['organization.identifier.value'] });
  if (system === CBS_MUNICIPALITY_SYSTEM && role !== 'municipality') {
    throw SecurityErrors.invalidClient(['a CBS municipality code identifies a municipality only'], { expression: ['organization.identifier.system'] });
  }
  if (input.name.trim() === '') throw SecurityErrors.invalidClient(['organization.name is empty'], { expression: ['organization.name'] });
}

function organizationResource(id: string, input: OrganizationInput, role: Role, lastUpdated: string): Organization {
  const type = ORGANIZATION_TYPES[role];
  const { system, value } = input.identifier;
  return {
    resourceType: 'Organization',
    id,
    meta: { versionId: '1', lastUpdated, ...(type ? { profile: [BrugProfiles.organization] } : {}) },
    ...(system === CBS_MUNICIPALITY_SYSTEM
      ? { extension: [{ url: BrugExtensions.gemeente, valueCoding: { system, code: value } }] }
      : {}),
    identifier: [{ system, value }],
    active: true,
    ...(type ? { type: [{ coding: [type] }] } : {}),
    name: input.name,
  };
}

/**
 * The Organization resource for a registered organisation: found by its identifier, or created. An advisory lock on
 * the identifier makes two registrations of one organisation, even on two instances, end with one resource. It is
 * written straight to the repository (not through a FHIR interaction): registration is an administrative act, not a
 * client's request.
 */
export async function recordOrganization(engine: Engine, input: OrganizationInput, role: Role, preferredId?: string): Promise<OrganizationRef> {
  const { system, value } = input.identifier;
  const id = await engine.repo.transaction(async (tx) => {
    await tx.lockKey(`organization-identifier:${system}|${value}`);
    const found = await tx.search({
      resourceTypes: ['Organization'],
      filter: { kind: 'token', param: 'identifier', system, code: value },
      sort: [{ kind: 'last-updated', descending: false }],
      count: 1,
      offset: 0,
      total: 'none',
    });
    if (found.matches[0]) return found.matches[0].id;
    const newId = preferredId && !(await tx.lockCurrent('Organization', preferredId)) ? preferredId : randomUUID();
    const lastUpdated = new Date().toISOString();
    const resource = organizationResource(newId, input, role, lastUpdated);
    await tx.writeVersion({
      resourceType: 'Organization',
      id: newId,
      versionId: 1,
      lastUpdated,
      method: 'POST',
      json: JSON.stringify(resource),
      index: engine.indexer(resource),
      isNew: true,
    });
    return newId;
  });
  return { id, reference: `Organization/${id}` };
}
