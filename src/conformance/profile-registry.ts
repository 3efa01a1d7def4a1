import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import type { InvariantCompiler } from './invariants.ts';
import { compileProfile, type CompiledProfile, type ProfileCompileContext } from './profile-model.ts';
import type { ProfileSource } from './profile-validator.ts';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

const canonical = (url: string) => url.replace(/\|.*$/, '');

/**
 * Every StructureDefinition the server can validate against, by canonical URL: the constraints and extensions of the
 * base specification and the project's own package. Each is compiled on first use and kept, so a profile costs its
 * compilation once per process and nothing at start.
 */
export class ProfileRegistry implements ProfileSource {
  private readonly definitions = new Map<string, StructureDefinition>();
  private readonly compiled = new Map<string, CompiledProfile | null>();
  private readonly baseElements = new Map<string, ElementDefinition>();
  private readonly resourceTypes: ReadonlySet<string>;
  private readonly context: ProfileCompileContext;

  constructor(baseStructures: ReadonlyMap<string, StructureDefinition>, invariants: InvariantCompiler) {
    const types = new Set<string>();
    for (const sd of baseStructures.values()) {
      if (sd.kind === 'resource' && !sd.abstract) types.add(sd.type!);
      for (const el of sd.snapshot?.element ?? []) if (el.path) this.baseElements.set(el.path, el);
    }
    this.resourceTypes = types;
    this.context = {
      invariants,
      baseElement: (path) => this.baseElements.get(path),
      targetType: (url) => this.targetType(url),
    };
  }

  /** Adds a definition; a later one with the same URL replaces an earlier one (the project's package wins). */
  add(sd: StructureDefinition): void {
    if (sd.resourceType !== 'StructureDefinition' || !sd.url) return;
    this.definitions.set(canonical(sd.url), sd);
    this.compiled.delete(canonical(sd.url));
  }

  has(url: string): boolean {
    return this.definitions.has(canonical(url));
  }

  definition(url: string): StructureDefinition | undefined {
    return this.definitions.get(canonical(url));
  }

  /** The compiled profile; undefined when unknown or when it has no snapshot to check against. */
  profile(url: string): CompiledProfile | undefined {
    const key = canonical(url);
    const known = this.compiled.get(key);
    if (known !== undefined) return known ?? undefined;
    const sd = this.definitions.get(key);
    const profile = sd && sd.derivation === 'constraint' ? compileProfile(sd, this.context) : undefined;
    this.compiled.set(key, profile ?? null);
    return profile;
  }

  /** The resource type a target profile stands for: a core type URL, or the type a known profile constrains. */
  targetType(url: string): string | undefined {
    const key = canonical(url);
    if (key.startsWith(CORE) && this.resourceTypes.has(key.slice(CORE.length))) return key.slice(CORE.length);
    const type = this.definitions.get(key)?.type;
    return type && this.resourceTypes.has(type) ? type : undefined;
  }
}
