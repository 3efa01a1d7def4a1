import type { ActingProfessional } from '../principal.ts';
import { OAuthErrors } from './errors.ts';

/**
 * The client assertion claim that names the acting professional: `"brug_practitioner":
 * "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers|123456789"`. SMART Backend Services has no user; the organisation's
 * system says who is working, and the server records it in the access token and the audit trail (NEN 7513 "who").
 */
export const PRACTITIONER_CLAIM = 'brug_practitioner';

/** Dutch identifier systems for professionals (Nictiz NamingSystems) and the digits each number has. */
const PROFESSIONAL_SYSTEMS: Readonly<Record<string, RegExp>> = {
  'http://fhir.nl/fhir/NamingSystem/uzi-nr-pers': /^\d{9}$/,
  'http://fhir.nl/fhir/NamingSystem/agb-z': /^\d{8}$/,
  'http://fhir.nl/fhir/NamingSystem/big': /^\d{11}$/,
};

/** The professional the claim names, undefined when the claim is absent, `invalid_request` when it is malformed. */
export function parsePractitionerClaim(claim: unknown): ActingProfessional | undefined {
  if (claim === undefined) return undefined;
  const systems = Object.keys(PROFESSIONAL_SYSTEMS).join(', ');
  if (typeof claim !== 'string') throw OAuthErrors.invalidRequest([`${PRACTITIONER_CLAIM} must be a string "system|number" with system one of ${systems}`]);
  const bar = claim.indexOf('|');
  const system = claim.slice(0, bar);
  const value = claim.slice(bar + 1);
  const digits = bar > 0 ? PROFESSIONAL_SYSTEMS[system] : undefined;
  if (!digits) throw OAuthErrors.invalidRequest([`${PRACTITIONER_CLAIM} must be "system|number" with system one of ${systems}`]);
  if (!digits.test(value)) throw OAuthErrors.invalidRequest([`${PRACTITIONER_CLAIM}: ${system} numbers are ${digits.source.replace(/\D/g, '')} digits`]);
  return { system, value };
}
