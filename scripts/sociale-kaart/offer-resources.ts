import type { BundleEntry, ContactPoint, HealthcareService, Location, Organization, Reference } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { OfferRow } from './offer-row.ts';
import { BrugCodeSystems, BrugExtensions, BrugIdentifierSystems, BrugProfiles } from '../../src/canonical-urls.ts';

export const KVK_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/kvk';

/** Default identifier system of the offers' own ids; a source system with its own namespace passes `--system`. */
export const DEFAULT_OFFER_SYSTEM = BrugIdentifierSystems.socialeKaartAanbod;

export interface MappingOptions {
  /** The identifier system of `aanbod_id`; the Location gets `<system>-locatie`. */
  offerSystem: string;
  /**
   * `create`: the provider Organization is created when no Organization has its KvK number (conditional create;
   * an existing one is used, not changed). `existing`: the offer refers to the provider by KvK number only
   * (a conditional reference), for a social-domain client that may not write Organizations.
   */
  providers: 'create' | 'existing';
}

const gemeente = (code: string) => ({ url: BrugExtensions.gemeente, valueCoding: { system: BrugCodeSystems.gemeente, code } });

function telecom(offer: OfferRow): ContactPoint[] | undefined {
  const points: ContactPoint[] = [];
  if (offer.phone) points.push({ system: 'phone', value: offer.phone, use: 'work' });
  if (offer.email) points.push({ system: 'email', value: offer.email, use: 'work' });
  if (offer.website) points.push({ system: 'url', value: offer.website });
  return points.length > 0 ? points : undefined;
}

export function providerSearch(kvk: string): string {
  return `identifier=${encodeURIComponent(`${KVK_SYSTEM}|${kvk}`)}`;
}

export function providerEntry(offer: OfferRow, fullUrl: string): BundleEntry {
  const organization: Organization = {
    resourceType: 'Organization',
    meta: { profile: [BrugProfiles.organization] },
    identifier: [{ system: KVK_SYSTEM, value: offer.provider.kvk }],
    active: true,
    type: [{ coding: [{ system: BrugCodeSystems.organisatieSoort, code: 'welzijnsorganisatie' }] }],
    name: offer.provider.name,
  };
  return { fullUrl, resource: organization, request: { method: 'POST', url: 'Organization', ifNoneExist: providerSearch(offer.provider.kvk) } };
}

function locationEntry(offer: OfferRow, options: MappingOptions, provider: Reference<Organization>, fullUrl: string): BundleEntry {
  const system = `${options.offerSystem}-locatie`;
  const location: Location = {
    resourceType: 'Location',
    identifier: [{ system, value: offer.id }],
    status: 'active',
    name: offer.name,
    ...(offer.address ? { address: { use: 'work', ...(offer.address.line ? { line: [offer.address.line] } : {}), postalCode: offer.address.postalCode, city: offer.address.city, country: 'NL', extension: [gemeente(offer.municipality)] } } : {}),
    ...(offer.position ? { position: offer.position } : {}),
    managingOrganization: provider,
  };
  return { fullUrl, resource: location, request: { method: 'PUT', url: `Location?identifier=${encodeURIComponent(`${system}|${offer.id}`)}` } };
}

function serviceEntry(offer: OfferRow, options: MappingOptions, provider: Reference<Organization>, location: Reference<Location> | undefined): BundleEntry {
  const service: HealthcareService = {
    resourceType: 'HealthcareService',
    meta: { profile: [BrugProfiles.healthcareService] },
    extension: [gemeente(offer.municipality)],
    identifier: [{ system: options.offerSystem, value: offer.id }],
    active: true,
    providedBy: provider,
    ...(offer.category ? { category: [{ text: offer.category }] } : {}),
    type: offer.kinds.map((code) => ({ coding: [{ system: BrugCodeSystems.aanbodSoort, code }] })),
    ...(offer.lifeDomains.length > 0 ? { characteristic: offer.lifeDomains.map((code) => ({ coding: [{ system: BrugCodeSystems.levensgebied, code }] })) } : {}),
    ...(location ? { location: [location] } : {}),
    name: offer.name,
    ...(telecom(offer) ? { telecom: telecom(offer) } : {}),
    ...(offer.eligibility ? { eligibility: [{ code: { text: offer.eligibility } }] } : {}),
  };
  return { resource: service, request: { method: 'PUT', url: `HealthcareService?identifier=${encodeURIComponent(`${options.offerSystem}|${offer.id}`)}` } };
}

/**
 * A row's Location and HealthcareService, each a conditional update on the row's identifier, so that importing the
 * same file again updates them. `provider` is the provider entry's fullUrl, or a conditional reference by KvK.
 */
export function offerEntries(offer: OfferRow, options: MappingOptions, provider: Reference<Organization>): BundleEntry[] {
  const entries: BundleEntry[] = [];
  let location: Reference<Location> | undefined;
  if (offer.address || offer.position) {
    const fullUrl = `urn:uuid:${randomUUID()}`;
    entries.push(locationEntry(offer, options, provider, fullUrl));
    location = { reference: fullUrl };
  }
  entries.push(serviceEntry(offer, options, provider, location));
  return entries;
}

/** One transaction Bundle for several rows; each provider appears once, however many of the rows it offers. */
export function transactionFor(offers: readonly OfferRow[], options: MappingOptions): { bundle: { resourceType: 'Bundle'; type: 'transaction'; entry: BundleEntry[] } } {
  const entry: BundleEntry[] = [];
  const providers = new Map<string, string>();
  for (const offer of offers) {
    let provider: Reference<Organization>;
    if (options.providers === 'existing') provider = { reference: `Organization?${providerSearch(offer.provider.kvk)}` };
    else {
      let fullUrl = providers.get(offer.provider.kvk);
      if (!fullUrl) {
        fullUrl = `urn:uuid:${randomUUID()}`;
        providers.set(offer.provider.kvk, fullUrl);
        entry.push(providerEntry(offer, fullUrl));
      }
      provider = { reference: fullUrl, display: offer.provider.name };
    }
    entry.push(...offerEntries(offer, options, provider));
  }
  return { bundle: { resourceType: 'Bundle', type: 'transaction', entry } };
}
