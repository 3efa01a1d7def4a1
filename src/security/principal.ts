import type { Role } from './roles.ts';
import type { SmartScope } from './scopes.ts';

/** The organisation a client acts for, as the Organization resource Brug holds for it. */
export interface OrganizationRef {
  readonly id: string;
  readonly reference: string;
}

/** The acting professional a client named in its assertion (UZI, AGB or BIG number), for the audit trail. */
export interface ActingProfessional {
  readonly system: string;
  readonly value: string;
}

// The engine carries an empty Principal; this is what an authenticated caller is in Brug.
declare module '../fhir/hooks/points.ts' {
  interface Principal {
    readonly clientId: string;
    readonly role: Role;
    /** Absent only for clients that act for no organisation (an administrator's tooling). */
    readonly organization?: OrganizationRef;
    /** What the access token grants; the access policy further limits it by role. */
    readonly scopes: readonly SmartScope[];
    readonly practitioner?: ActingProfessional;
    /** The access token's `jti`, so audit entries of one session can be linked. */
    readonly tokenId: string;
  }
}
