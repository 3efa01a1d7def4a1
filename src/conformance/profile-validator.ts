// https://hl7.org/fhir/R4/profiling.html — checking a value against the rules a profile adds to the base definitions
import { describeValue, equalsFixed, matchesPattern } from './fixed-pattern.ts';
import { Findings } from './findings.ts';
import type { InvariantScope } from './invariants.ts';
import type { CompiledProfile, ProfileElement } from './profile-model.ts';
import { assignSlices, type Item, type SliceContext } from './slice-matcher.ts';

export interface ProfileSource {
  profile(url: string): CompiledProfile | undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const count = (max: number) => (Number.isFinite(max) ? String(max) : '*');

/** The values of one element of `obj`: each array item, primitives with only extensions (`_x`) included. */
function valuesOf(obj: Record<string, unknown>, key: string, type: string, at: string, out: Item[]): void {
  const value = obj[key];
  const companion = obj[`_${key}`];
  const path = `${at}.${key}`;
  if (Array.isArray(value) || Array.isArray(companion)) {
    const length = Math.max(Array.isArray(value) ? value.length : 0, Array.isArray(companion) ? companion.length : 0);
    for (let i = 0; i < length; i++) {
      const v = Array.isArray(value) ? value[i] : undefined;
      const c = Array.isArray(companion) ? companion[i] : undefined;
      if (v != null || c != null) out.push({ value: v ?? undefined, type, at: `${path}[${i}]` });
    }
  } else if (value !== undefined || companion !== undefined) {
    out.push({ value, type, at: path });
  }
}

/** Walks a value along a compiled profile, visiting only the subtrees where the profile adds rules. */
export class ProfileWalker {
  private readonly source: ProfileSource;
  private readonly suffixTypes: ReadonlyMap<string, string>;
  private readonly sliceContext: (scope: InvariantScope) => SliceContext;

  constructor(source: ProfileSource, suffixTypes: ReadonlyMap<string, string>) {
    this.source = source;
    this.suffixTypes = suffixTypes;
    this.sliceContext = (scope) => ({
      typeOfSuffix: (suffix) => this.suffixTypes.get(suffix),
      conforms: (item, url) => this.conforms(item, url, scope),
    });
  }

  /** Adds to `findings` what is wrong with `value` (a resource, data type or extension) against `profile`. */
  validate(value: unknown, profile: CompiledProfile, at: string, scope: InvariantScope, findings: Findings): void {
    this.content({ value, type: profile.type, at }, profile.root, scope, findings);
  }

  /** Whether a value conforms to a profile, or undefined when the profile is unknown. */
  conforms(item: Item, url: string, scope: InvariantScope): boolean | undefined {
    const profile = this.source.profile(url);
    if (!profile) return undefined;
    const trial = new Findings();
    this.validate(item.value, profile, item.at, scope, trial);
    return !trial.issues.some((i) => i.severity === 'error');
  }

  private content(item: Item, node: ProfileElement, scope: InvariantScope, f: Findings): void {
    if (node.fixed !== undefined && item.value !== undefined && !equalsFixed(item.value, node.fixed)) {
      f.add('error', 'value', `Value must be exactly ${describeValue(node.fixed)}, found ${describeValue(item.value)}`, item.at);
    }
    if (node.pattern !== undefined && item.value !== undefined && !matchesPattern(item.value, node.pattern)) {
      f.add('error', 'value', `Value must match the pattern ${describeValue(node.pattern)}, found ${describeValue(item.value)}`, item.at);
    }
    if (node.checks && item.value !== undefined) f.checks(item.value, item.type, node.checks, item.at, scope);
    if (node.types) this.typeProfiles(item, node, scope, f);
    if (node.children.length === 0 || !isObject(item.value)) return;
    for (const child of node.children) if (child.relevant) this.element(item.value, child, item.at, scope, f);
  }

  /** A value whose type names profiles must conform to one of them (extensions are checked against their definitions anyway). */
  private typeProfiles(item: Item, node: ProfileElement, scope: InvariantScope, f: Findings): void {
    const profiles = node.types?.find((t) => t.code === item.type)?.profiles ?? [];
    if (profiles.length === 0 || item.type === 'Extension' || item.value === undefined) return;
    const known = profiles.filter((p) => this.source.profile(p));
    if (known.length === 0) return;
    if (known.length === 1) return this.validate(item.value, this.source.profile(known[0]!)!, item.at, scope, f);
    if (!known.some((p) => this.conforms(item, p, scope))) f.add('error', 'structure', `The value conforms to none of the profiles ${known.join(', ')}`, item.at);
  }

  private itemsOf(obj: Record<string, unknown>, node: ProfileElement, at: string): Item[] {
    const items: Item[] = [];
    if (!node.choice) {
      valuesOf(obj, node.name, node.typeCode, at, items);
      return items;
    }
    for (const key of Object.keys(obj)) {
      const type = key.startsWith(node.name) ? this.suffixTypes.get(key.slice(node.name.length)) : undefined;
      if (type) valuesOf(obj, key, type, at, items);
    }
    return items;
  }

  private element(obj: Record<string, unknown>, node: ProfileElement, at: string, scope: InvariantScope, f: Findings): void {
    const items = this.itemsOf(obj, node, at);
    if (items.length === 0 && !node.checkCount && !node.slicing) return;
    const where = () => `${at}.${node.name}${node.choice ? '[x]' : ''}`;
    if (node.checkCount && !node.sliceName) this.cardinality(items.length, node, items[0]?.at ?? where(), f);
    if (node.types && node.choice) {
      for (const item of items) {
        if (!node.types.some((t) => t.code === item.type)) f.add('error', 'structure', `Type ${item.type} is not allowed here by the profile (allowed: ${node.types.map((t) => t.code).join(', ')})`, item.at);
      }
    }
    const slices = node.slicing && items.length > 0 ? assignSlices(items, node.slicing, this.sliceContext(scope)) : undefined;
    items.forEach((item, i) => {
      this.content(item, node, scope, f);
      const slice = slices && slices[i]! >= 0 ? node.slicing!.slices[slices[i]!] : undefined;
      if (slice) this.content(item, slice, scope, f);
    });
    if (node.slicing) this.sliceRules(items, slices ?? [], node, where(), f);
  }

  private cardinality(found: number, node: ProfileElement, at: string, f: Findings): void {
    const label = node.sliceName ? `Slice "${node.sliceName}" of ${node.path}` : node.path;
    if (found < node.min) f.add('error', 'required', `${label}: at least ${node.min} required by the profile, found ${found}`, at);
    else if (found > node.max) f.add('error', 'structure', `${label}: at most ${count(node.max)} allowed by the profile, found ${found}`, at);
  }

  private sliceRules(items: readonly Item[], assigned: readonly number[], node: ProfileElement, where: string, f: Findings): void {
    const slicing = node.slicing!;
    slicing.slices.forEach((slice, s) => {
      if (slice.checkCount) this.cardinality(assigned.filter((a) => a === s).length, slice, where, f);
    });
    let last = -1;
    let unmatchedSeen = false;
    assigned.forEach((a, i) => {
      const at = items[i]!.at;
      if (a < 0 && slicing.rules === 'closed') f.add('error', 'structure', `This value matches none of the slices of ${node.path}, and the slicing is closed`, at);
      if (a >= 0 && unmatchedSeen && slicing.rules === 'openAtEnd') f.add('error', 'structure', `Values that match no slice of ${node.path} must come after the sliced ones (openAtEnd)`, at);
      if (a >= 0 && slicing.ordered && a < last) f.add('error', 'structure', `The slices of ${node.path} must appear in the order the profile defines`, at);
      if (a < 0) unmatchedSeen = true;
      else last = Math.max(last, a);
    });
  }
}
