import type { IssueDetail } from '../errors.ts';
import type { BindingChecker } from './binding-checks.ts';
import { checkBsnIdentifiers } from './bsn-rule.ts';
import { Findings, type ExtensionUse } from './findings.ts';
import type { ProfileRegistry } from './profile-registry.ts';
import type { ProfileWalker } from './profile-validator.ts';
import type { StructureValidator } from './structure-validator.ts';

export interface ValidationOptions {
  /** Profiles to check besides the resource's `meta.profile` and the server's required one ($validate `profile`). */
  readonly profiles?: readonly string[];
  /** Check `profiles` only, not the claimed and required ones ($validate mode=profile). */
  readonly only?: boolean;
  /** Include the profile the server requires for the type (default true: writes, and $validate as create or update). */
  readonly serverProfile?: boolean;
  /** Its base rules were checked with the resource it sits in (a Bundle entry): only profiles and identifier rules. */
  readonly baseChecked?: boolean;
}

/** The issues, split by where the broken rule comes from: base failures are 400, profile failures 422 (http.html). */
export interface ValidationReport {
  readonly issues: readonly IssueDetail[];
  readonly baseError: boolean;
  readonly profileError: boolean;
}

export interface ValidatorParts {
  readonly structure: StructureValidator;
  readonly registry: ProfileRegistry;
  readonly walker: ProfileWalker;
  /** The profile the server requires per resource type (required-profiles.ts), already reduced to known ones. */
  readonly required: ReadonlyMap<string, string>;
  /** The binding checks through the terminology layer, when it is there; without it bindings are not checked. */
  bindings(): BindingChecker | undefined;
}

const isError = (i: IssueDetail) => i.severity === 'error' || i.severity === 'fatal';

/**
 * One validation of one resource: the base definitions (structure, invariants, reference targets) in one walk, then
 * every applicable profile and the Dutch identifier rules that hold whatever is claimed (bsn-rule.ts), then every
 * extension whose definition is known, then all bindings at once.
 */
export class ResourceValidator {
  private readonly parts: ValidatorParts;

  constructor(parts: ValidatorParts) {
    this.parts = parts;
  }

  /** The profiles that apply: the server's required one, those the resource claims, and those asked for. */
  profilesFor(resource: { resourceType?: unknown; meta?: { profile?: unknown } }, options: ValidationOptions = {}): string[] {
    if (options.only) return [...(options.profiles ?? [])];
    const claimed = Array.isArray(resource.meta?.profile) ? resource.meta.profile.filter((p): p is string => typeof p === 'string') : [];
    const required = typeof resource.resourceType === 'string' && options.serverProfile !== false ? this.parts.required.get(resource.resourceType) : undefined;
    return [...new Set([...(required ? [required] : []), ...claimed, ...(options.profiles ?? [])])];
  }

  async validate(resource: unknown, options: ValidationOptions = {}): Promise<ValidationReport> {
    const base = options.baseChecked ? new Findings() : this.parts.structure.validate(resource);
    const profile = new Findings();
    if (typeof resource === 'object' && resource !== null && !Array.isArray(resource)) {
      this.profiles(resource as Record<string, unknown>, options, profile);
      checkBsnIdentifiers(resource as Record<string, unknown>, profile);
    }
    this.extensions(base.extensions, profile);
    const [baseBindings, profileBindings] = await Promise.all([this.bindings(base), this.bindings(profile)]);
    const baseIssues = [...base.issues, ...baseBindings];
    const profileIssues = [...profile.issues, ...profileBindings];
    return { issues: [...baseIssues, ...profileIssues], baseError: baseIssues.some(isError), profileError: profileIssues.some(isError) };
  }

  private profiles(resource: Record<string, unknown>, options: ValidationOptions, into: Findings): void {
    const scope = { resource, rootResource: resource };
    const type = String(resource.resourceType);
    for (const url of this.profilesFor(resource, options)) {
      const compiled = this.parts.registry.profile(url);
      if (!compiled) {
        // Unknown profiles are server policy (profiling.html#profile-uses); refusing them would refuse data whose only fault is a claim we cannot check.
        into.add('warning', 'not-supported', `Profile ${url} is not known to this server; the resource was not checked against it`, type);
      } else if (compiled.type !== type) {
        into.add('error', 'invalid', `Profile ${url} constrains ${compiled.type}, not ${type}`, type);
      } else {
        into.profile = url;
        this.parts.walker.validate(resource, compiled, type, scope, into);
      }
    }
    into.profile = undefined;
  }

  /** Each extension against its definition, when the server knows it; unknown ones are allowed (extensibility.html). */
  private extensions(uses: readonly ExtensionUse[], into: Findings): void {
    for (const use of uses) {
      const url = typeof use.value.url === 'string' ? use.value.url : undefined;
      const definition = url ? this.parts.registry.profile(url) : undefined;
      if (definition) {
        into.profile = url;
        this.parts.walker.validate(use.value, definition, use.expression, use.scope, into);
      } else if (!url || !url.includes(':')) {
        // A relative url names a part of a complex extension, checked with its parent's definition.
      } else if (use.modifier) {
        into.add('warning', 'extension', `Unknown modifier extension ${url}: it may change the meaning of this element, and the server cannot check it`, use.expression);
      } else {
        into.add('information', 'extension', `Unknown extension ${url}: not checked`, use.expression);
      }
    }
    into.profile = undefined;
  }

  private async bindings(findings: Findings): Promise<IssueDetail[]> {
    const checker = this.parts.bindings();
    if (!checker || findings.bindings.length === 0) return [];
    return (await checker.check(findings.bindings)).filter((i): i is IssueDetail => i !== undefined);
  }
}
