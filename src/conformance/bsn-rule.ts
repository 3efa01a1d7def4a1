import type { Findings } from './findings.ts';

export const BSN_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/bsn';

/** The elfproef (11-test): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11; nine digits, and not all zeros. */
export function passesElfproef(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + d * (9 - i), 0) - digits[8]!;
  return sum % 11 === 0;
}

/**
 * A BSN is a BSN whatever profile the resource claims (Brug's invariant brug-bsn-1 only runs under brug-patient):
 * every identifier with the BSN system, on any resource type, must pass the elfproef. A wrong BSN links a resident's
 * referral to someone else, so it is an error (422, like a profile violation), at the value that fails.
 */
export function checkBsnIdentifiers(resource: Record<string, unknown>, into: Findings): void {
  const identifiers = resource.identifier;
  if (!Array.isArray(identifiers)) return;
  const type = String(resource.resourceType);
  identifiers.forEach((identifier: unknown, n) => {
    const { system, value } = (identifier ?? {}) as { system?: unknown; value?: unknown };
    if (system !== BSN_SYSTEM) return;
    if (typeof value !== 'string') {
      into.add('error', 'business-rule', `An identifier with system ${BSN_SYSTEM} needs a value: the BSN`, `${type}.identifier[${n}].value`);
    } else if (!passesElfproef(value)) {
      into.add('error', 'business-rule', `${JSON.stringify(value)} is not a BSN: a BSN has 9 digits and passes the 11-test (elfproef)`, `${type}.identifier[${n}].value`);
    }
  });
}
