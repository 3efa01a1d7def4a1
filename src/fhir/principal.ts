/**
 * The caller of an interaction, as the engine carries it through hooks, operations and background work. The
 * engine never decides what a role or scope allows: the security layer fills the principal in `request.authenticate`
 * and rules on it in `interaction.authorize` and `search.scope`; other layers read it.
 */

/** An action of a SMART scope (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html): c, r, u, d, s. */
export type ScopeAction = 'c' | 'r' | 'u' | 'd' | 's';

/** What one SMART system scope grants. */
export interface SmartScope {
  /** A resource type, or `*` for all. */
  readonly resourceType: string;
  readonly actions: ReadonlySet<ScopeAction>;
}

/** The organisation a client acts for, as the Organization resource the server holds for it. */
export interface OrganizationRef {
  readonly id: string;
  readonly reference: string;
}

/** The acting professional a client named (an identifier such as a UZI or BIG number), for the audit trail. */
export interface ActingProfessional {
  readonly system: string;
  readonly value: string;
}

export interface Principal {
  readonly clientId: string;
  /** The role the client is registered with; what a role may do is the access policy's, not the engine's. */
  readonly role: string;
  /** Absent only for clients that act for no organisation (an administrator's tooling). */
  readonly organization?: OrganizationRef;
  /** What the access token grants; the access policy further limits it by role. */
  readonly scopes: readonly SmartScope[];
  readonly practitioner?: ActingProfessional;
  /** The access token's `jti` (or what stands for it in background work), so entries of one session can be linked. */
  readonly tokenId: string;
}

/** Finds the principal of a registered client for work done on its behalf outside a request. */
export type PrincipalLookup = (clientId: string, tokenId: string) => Promise<Principal | undefined>;

/**
 * The principals of registered clients, for background work on their behalf (a subscription's deliveries are read
 * as its subscriber). The layer that registers clients provides the lookup before the app is ready; without one,
 * no client is known.
 */
export class PrincipalDirectory {
  private lookup: PrincipalLookup | undefined;
  private closed = false;

  provide(lookup: PrincipalLookup): void {
    if (this.closed) throw new Error('Principal lookup provided after start');
    if (this.lookup) throw new Error('Principal lookup provided twice');
    this.lookup = lookup;
  }

  async of(clientId: string, tokenId: string): Promise<Principal | undefined> {
    return this.lookup?.(clientId, tokenId);
  }

  close(): void {
    this.closed = true;
  }
}
