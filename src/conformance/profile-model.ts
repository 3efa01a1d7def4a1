import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { elementChecks, type ChecksContext, type ElementChecks } from './element-checks.ts';
import { maxOf } from './element-model.ts';

/** A type a profile allows for an element, with the profiles the value must conform to (one of them). */
export interface ProfileType {
  readonly code: string;
  readonly profiles: readonly string[];
}

export interface Discriminator {
  readonly type: 'value' | 'exists' | 'pattern' | 'type' | 'profile';
  readonly path: string;
}

export interface Slicing {
  readonly discriminators: readonly Discriminator[];
  readonly rules: 'open' | 'closed' | 'openAtEnd';
  readonly ordered: boolean;
  readonly slices: ProfileElement[];
}

/**
 * One element of a profile, compiled: only what the profile adds to the base definitions is kept as a rule (the
 * base walk already checks the rest), and `relevant` is false for subtrees that add nothing, so the walk skips them.
 */
export interface ProfileElement {
  readonly id: string;
  readonly path: string;
  /** JSON property name; for a choice element (`value[x]`) the stem `value`. */
  readonly name: string;
  readonly choice: boolean;
  readonly sliceName?: string;
  readonly min: number;
  readonly max: number;
  /** True when the profile's cardinality is narrower than the base's, or this is a slice (counted separately). */
  readonly checkCount: boolean;
  /** The first type code (the type of non-choice elements). */
  readonly typeCode: string;
  /** Set when the profile narrows the choice of types or names profiles for the value. */
  readonly types?: readonly ProfileType[];
  readonly fixed?: unknown;
  readonly pattern?: unknown;
  readonly checks?: ElementChecks;
  readonly children: ProfileElement[];
  slicing?: Slicing;
  relevant: boolean;
}

export interface CompiledProfile {
  readonly url: string;
  readonly name: string;
  /** The type it constrains: a resource type, a data type, or Extension. */
  readonly type: string;
  readonly root: ProfileElement;
}

export interface ProfileCompileContext extends ChecksContext {
  /** The element of the base specification a profile element derives from, by `ElementDefinition.base.path`. */
  baseElement(path: string): ElementDefinition | undefined;
}

function valueOf(el: ElementDefinition, prefix: 'fixed' | 'pattern'): unknown {
  for (const key of Object.keys(el)) if (key.startsWith(prefix) && key.length > prefix.length) return (el as unknown as Record<string, unknown>)[key];
  return undefined;
}

const stripVersion = (url: string | undefined) => url?.replace(/\|.*$/, '');
const sameList = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((x) => b.includes(x));

/** The types, when the profile says more about them than the base does. */
function narrowedTypes(el: ElementDefinition, base: ElementDefinition | undefined): ProfileType[] | undefined {
  const types = (el.type ?? []).map((t) => ({ code: t.code ?? 'Element', profiles: (t.profile ?? []).filter((p) => !p.startsWith(`http://hl7.org/fhir/StructureDefinition/${t.code}`)) }));
  const fewer = base?.type !== undefined && types.length < base.type.length;
  return fewer || types.some((t) => t.profiles.length > 0) ? types : undefined;
}

function compileElement(el: ElementDefinition, ctx: ProfileCompileContext, isSlice: boolean): ProfileElement {
  const path = el.path ?? '';
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  const base = el.base?.path ? ctx.baseElement(el.base.path) : undefined;
  const min = el.min ?? 0;
  const max = maxOf(el.max);
  const typeCode = el.type?.find((t) => ['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri'].includes(t.code ?? ''))?.code ?? el.type?.[0]?.code ?? 'Element';
  const skipKeys = new Set((base?.constraint ?? []).map((c) => c.key ?? ''));
  const sameBinding = stripVersion(base?.binding?.valueSet) === stripVersion(el.binding?.valueSet) && base?.binding?.strength === el.binding?.strength;
  const sameTargets = sameList(base?.type?.find((t) => t.code === 'Reference')?.targetProfile, el.type?.find((t) => t.code === 'Reference')?.targetProfile);
  const checks = elementChecks(el, typeCode, path, ctx, { constraintKeys: skipKeys, binding: sameBinding, targets: sameTargets });
  const types = narrowedTypes(el, base);
  const fixed = valueOf(el, 'fixed');
  const pattern = valueOf(el, 'pattern');
  return {
    id: el.id ?? path,
    path,
    name: leaf.replace(/\[x\]$/, ''),
    choice: leaf.endsWith('[x]'),
    ...(el.sliceName ? { sliceName: el.sliceName } : {}),
    min,
    max,
    checkCount: isSlice ? min > 0 || max < Number.POSITIVE_INFINITY : min > (el.base?.min ?? 0) || max < maxOf(el.base?.max),
    typeCode,
    ...(types ? { types } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
    ...(pattern !== undefined ? { pattern } : {}),
    ...(checks ? { checks } : {}),
    children: [],
    relevant: false,
  };
}

function slicingOf(el: ElementDefinition): Slicing | undefined {
  if (!el.slicing) return undefined;
  const discriminators = (el.slicing.discriminator ?? []).map((d) => ({ type: d.type as Discriminator['type'], path: d.path ?? '$this' }));
  return { discriminators, rules: el.slicing.rules ?? 'open', ordered: el.slicing.ordered === true, slices: [] };
}

/** Where an element hangs in the tree, from its id (`Patient.identifier:bsn.system`): a child, or a slice. */
function place(id: string): { parent: string; slicedId?: string } {
  const dot = id.lastIndexOf('.');
  const parent = id.slice(0, dot);
  const segment = id.slice(dot + 1);
  const colon = segment.indexOf(':');
  if (colon < 0) return { parent };
  const reslice = segment.lastIndexOf('/');
  return { parent, slicedId: `${parent}.${reslice > colon ? segment.slice(0, reslice) : segment.slice(0, colon)}` };
}

function markRelevant(node: ProfileElement): boolean {
  let relevant = node.checkCount || node.types !== undefined || node.fixed !== undefined || node.pattern !== undefined || node.checks !== undefined;
  for (const child of node.children) relevant = markRelevant(child) || relevant;
  for (const slice of node.slicing?.slices ?? []) relevant = markRelevant(slice) || relevant;
  if (node.slicing) relevant = true;
  node.relevant = relevant;
  return relevant;
}

/** Compiles the snapshot of a profile (a constraint StructureDefinition) into a tree of the rules it adds. */
export function compileProfile(sd: StructureDefinition, ctx: ProfileCompileContext): CompiledProfile | undefined {
  const elements = sd.snapshot?.element ?? [];
  const first = elements[0];
  if (!sd.url || !sd.type || !first) return undefined;
  const nodes = new Map<string, ProfileElement>();
  const root = compileElement(first, ctx, false);
  nodes.set(first.id ?? first.path ?? sd.type, root);
  for (const el of elements.slice(1)) {
    const id = el.id ?? el.path ?? '';
    const where = place(id);
    const node = compileElement(el, ctx, where.slicedId !== undefined);
    if (el.slicing) node.slicing = slicingOf(el);
    if (where.slicedId !== undefined) {
      const sliced = nodes.get(where.slicedId);
      if (!sliced) continue;
      sliced.slicing ??= { discriminators: [{ type: 'type', path: '$this' }], rules: 'open', ordered: false, slices: [] };
      sliced.slicing.slices.push(node);
    } else {
      const parent = nodes.get(where.parent);
      if (!parent) continue;
      parent.children.push(node);
    }
    nodes.set(id, node);
  }
  markRelevant(root);
  return { url: sd.url, name: sd.name ?? sd.id ?? sd.url, type: sd.type, root };
}
