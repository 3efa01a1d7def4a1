/**
 * What an organisation is in the referral chain (handreiking §3 and §9). A client is registered with exactly one;
 * the access policy grants by role, never by client.
 */
export const ROLES = ['first-line', 'social-domain', 'municipality', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  'first-line': 'first-line practice that refers (huisartsenpraktijk, POH, wijkverpleging, …)',
  'social-domain': 'social-domain organisation with the bridging role (welzijn, sociaal wijkteam)',
  municipality: 'municipality: aggregate figures only, never a resident',
  auditor: 'reads the audit trail (NEN 7513 controls)',
  admin: 'manages clients and conformance resources (development and operations)',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
