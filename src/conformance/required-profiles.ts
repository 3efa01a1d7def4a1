import { BrugProfiles } from '../canonical-urls.ts';

/**
 * The profile every resource of a type must conform to, whatever its `meta.profile` says: the referral chain's
 * information layer (handreiking §9, "informatie") is only a contract if the server enforces it.
 *
 * Only the resources that carry the referral itself are listed. Patient, Practitioner, Organization and the other
 * Brug profiles are checked when a resource claims them in `meta.profile`, because those resources also arrive
 * from registries and systems outside the chain that the server must accept as they are.
 *
 * A type is enforced only when the loaded package defines its profile, so a server without the package (or with
 * a partial one) checks the base specification alone. Override the map with the plugin option `requiredProfiles`.
 */
export const DEFAULT_REQUIRED_PROFILES: Readonly<Record<string, string>> = {
  ServiceRequest: BrugProfiles.verwijzing,
  Consent: BrugProfiles.toestemming,
  Task: BrugProfiles.verwijzingtaak,
  Communication: BrugProfiles.terugkoppeling,
};

/** The map reduced to the profiles that are actually known, by resource type. */
export function enforcedProfiles(map: Readonly<Record<string, string>>, isKnown: (url: string) => boolean): ReadonlyMap<string, string> {
  return new Map(Object.entries(map).filter(([, url]) => isKnown(url)));
}
