import type { ElementDefinition } from '@medplum/fhirtypes';
import type { Invariant, InvariantCompiler } from './invariants.ts';

/** A terminology binding that applies to an element (terminologies.html#strength). Example bindings are never checked. */
export interface BindingRule {
  readonly strength: 'required' | 'extensible' | 'preferred';
  readonly valueSet: string;
}

/** The content rules of one element beyond its JSON shape: invariants, binding, and allowed reference targets. */
export interface ElementChecks {
  readonly invariants: readonly Invariant[];
  readonly binding?: BindingRule;
  /** Resource types a Reference here may point to; undefined when any type is allowed or the targets are not known. */
  readonly targets?: ReadonlySet<string>;
}

export interface ChecksContext {
  readonly invariants: InvariantCompiler;
  /** The resource type that a target profile URL constrains, when known. */
  targetType(url: string): string | undefined;
}

/** Types a binding can apply to (elementdefinition.html#ElementDefinition.binding, eld-11). */
const BINDABLE = new Set(['code', 'Coding', 'CodeableConcept', 'Quantity', 'string', 'uri', 'CodeableReference']);

const ANY_RESOURCE = 'http://hl7.org/fhir/StructureDefinition/Resource';

export function bindingFor(el: ElementDefinition, typeCode: string): BindingRule | undefined {
  const { binding } = el;
  if (!binding?.valueSet || !BINDABLE.has(typeCode)) return undefined;
  if (binding.strength !== 'required' && binding.strength !== 'extensible' && binding.strength !== 'preferred') return undefined;
  return { strength: binding.strength, valueSet: binding.valueSet };
}

export function targetsFor(el: ElementDefinition, ctx: ChecksContext): ReadonlySet<string> | undefined {
  const profiles = el.type?.find((t) => t.code === 'Reference')?.targetProfile;
  if (!profiles || profiles.length === 0 || profiles.includes(ANY_RESOURCE)) return undefined;
  const types = new Set<string>();
  for (const url of profiles) {
    const type = ctx.targetType(url);
    // A target profile we do not know could be any type: then the targets cannot be judged at all.
    if (!type) return undefined;
    types.add(type);
  }
  return types;
}

/** What to check on each value of `el` (of the type `typeCode`), leaving out what `skip` says is checked elsewhere. */
export function elementChecks(
  el: ElementDefinition,
  typeCode: string,
  basePath: string,
  ctx: ChecksContext,
  skip: { constraintKeys?: ReadonlySet<string>; binding?: boolean; targets?: boolean } = {},
): ElementChecks | undefined {
  const invariants: Invariant[] = [];
  for (const c of el.constraint ?? []) {
    if (c.key && skip.constraintKeys?.has(c.key)) continue;
    const inv = ctx.invariants.compile(c, basePath.replace(/\[x\]$/, ''), basePath.endsWith('[x]'));
    if (inv) invariants.push(inv);
  }
  const binding = skip.binding ? undefined : bindingFor(el, typeCode);
  const targets = skip.targets || typeCode !== 'Reference' ? undefined : targetsFor(el, ctx);
  if (invariants.length === 0 && !binding && !targets) return undefined;
  return { invariants, ...(binding ? { binding } : {}), ...(targets ? { targets } : {}) };
}
