import { canonicalBase } from './config.ts';

/**
 * Brug's canonical URLs and its own systems, in one place. Each one is published by Brug's FHIR package
 * (`profiles/`), whose canonical base this is: `profiles/sushi-config.yaml` by default, and a test keeps the two
 * equal; a region that publishes under its own domain sets CANONICAL_BASE and serves the package built for it (the
 * configuration refuses a package built for another base). URLs of other publishers (HL7, Nictiz) stay where they
 * are read.
 */
export const BRUG_CANONICAL_BASE = canonicalBase();

const at = (path: string): string => `${BRUG_CANONICAL_BASE}/${path}`;

/** Brug's StructureDefinitions: the profiles the referral chain is validated against, and its extensions. */
export const BrugProfiles = {
  verwijzing: at('StructureDefinition/brug-verwijzing'),
  toestemming: at('StructureDefinition/brug-toestemming'),
  verwijzingtaak: at('StructureDefinition/brug-verwijzingtaak'),
  terugkoppeling: at('StructureDefinition/brug-terugkoppeling'),
  organization: at('StructureDefinition/brug-organization'),
  healthcareService: at('StructureDefinition/brug-healthcareservice'),
} as const;

export const BrugExtensions = {
  /** The CBS municipality of a resident's address, an organisation or a report. */
  gemeente: at('StructureDefinition/brug-gemeente'),
  uitkomst: at('StructureDefinition/brug-uitkomst'),
  streefwaarde: at('StructureDefinition/brug-streefwaarde'),
} as const;

/** Brug's CodeSystems (profiles/fsh/terminology). */
export const BrugCodeSystems = {
  /** CBS municipality codes (GM0344); also the identifier system of a municipality Organization. */
  gemeente: at('CodeSystem/brug-gemeente'),
  processtap: at('CodeSystem/brug-processtap'),
  terugkoppelingSoort: at('CodeSystem/brug-terugkoppeling-soort'),
  taakStatusreden: at('CodeSystem/brug-taak-statusreden'),
  levensgebied: at('CodeSystem/brug-levensgebied'),
  uitkomst: at('CodeSystem/brug-uitkomst'),
  kengetal: at('CodeSystem/brug-kengetal'),
  aanbodSoort: at('CodeSystem/brug-aanbod-soort'),
  organisatieSoort: at('CodeSystem/brug-organisatie-soort'),
} as const;

/** Brug's ValueSets and ConceptMaps that the server itself reads. */
export const BrugValueSets = {
  verwijzerRol: at('ValueSet/brug-verwijzer-rol'),
} as const;

export const BrugConceptMaps = {
  verwijsredenLevensgebied: at('ConceptMap/brug-verwijsreden-levensgebied'),
} as const;

/** Identifier and tag systems the server itself assigns. */
export const BrugIdentifierSystems = {
  /** The tag of an erased resource's residue (AVG art. 17). */
  erasure: at('sid/erasure'),
  /** The tag naming the organisation that holds a resource. */
  custodian: at('sid/custodian-organization'),
  /** A client's id in the audit trail. */
  clientId: at('NamingSystem/client-id'),
  /** Offers of the sociale kaart, unless its CSV names a system of its own. */
  socialeKaartAanbod: at('NamingSystem/sociale-kaart-aanbod'),
} as const;

/** Canonical URLs of Brug's own Measures, OperationDefinitions and SubscriptionTopics. */
export const brugMeasure = (id: string): string => at(`Measure/${id}`);
export const brugOperationDefinition = (name: string): string => at(`OperationDefinition/${name}`);
export const brugSubscriptionTopic = (name: string): string => at(`SubscriptionTopic/${name}`);
