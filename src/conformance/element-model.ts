import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import type { ElementChecks } from './element-checks.ts';
import type { Invariant } from './invariants.ts';

/** One element as JSON sees it: a property name, how many, and of which type(s). */
export interface ElementRule {
  readonly name: string;
  /** FHIRPath-style path in the definition, for messages. */
  readonly path: string;
  readonly min: number;
  readonly max: number;
  /** Repeating elements are JSON arrays; decided by the base definition, not by a profile. */
  readonly isArray: boolean;
  /** FHIR type code of this property (for a choice element, the one its name selects). */
  readonly type: string;
  /** The choice group (`deceased[x]`) this name belongs to, if any: at most one member may be present. */
  readonly choiceGroup?: string;
  /** Inline children (BackboneElement, Element), by path of the element that owns them. */
  readonly childrenPath?: string;
  /** Content rules (invariants, binding, reference targets); set once by base-checks.ts after the models exist. */
  checks?: ElementChecks;
}

export interface ComplexModel {
  readonly rules: ReadonlyMap<string, ElementRule>;
  /** Required element names (min >= 1), with choice groups named by their `[x]` form. */
  readonly required: readonly { name: string; alternatives: readonly string[] }[];
  /** Invariants on the type itself (per-1 on Period, dom-2 on a resource), for each object of this type; set by base-checks.ts. */
  invariants?: readonly Invariant[];
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

export function typeCode(t: NonNullable<ElementDefinition['type']>[number]): string {
  if (t.code?.startsWith('http://hl7.org/fhirpath/')) {
    const fhirType = t.extension?.find((e) => e.url === FHIR_TYPE_EXT)?.valueUrl;
    return fhirType ?? 'string';
  }
  return t.code ?? 'Element';
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function maxOf(value: string | undefined): number {
  return value === undefined || value === '*' ? Number.POSITIVE_INFINITY : Number(value);
}

/** Compiles the snapshot of a base StructureDefinition into one ComplexModel per element that has children. */
export function compileStructure(sd: StructureDefinition): Map<string, ComplexModel> {
  const elements = sd.snapshot?.element ?? [];
  const byParent = new Map<string, ElementRule[]>();
  const required = new Map<string, { name: string; alternatives: string[] }[]>();
  const contentRefs = new Map<string, string>();
  for (const el of elements) {
    const path = el.path ?? '';
    const dot = path.lastIndexOf('.');
    if (dot < 0) continue;
    const parent = path.slice(0, dot);
    const leaf = path.slice(dot + 1);
    const max = maxOf(el.max);
    const isArray = maxOf(el.base?.max ?? el.max) > 1;
    const list = byParent.get(parent) ?? [];
    byParent.set(parent, list);
    const types = el.type ?? [];
    const hasChildren = types.length === 0 || types.some((t) => t.code === 'BackboneElement' || t.code === 'Element') && elements.some((c) => c.path?.startsWith(`${path}.`));
    if (el.contentReference) contentRefs.set(path, el.contentReference.replace(/^.*#/, ''));
    if (leaf.endsWith('[x]')) {
      const stem = leaf.slice(0, -3);
      const names = types.map((t) => `${stem}${capitalise(typeCode(t))}`);
      types.forEach((t, i) => list.push({ name: names[i]!, path, min: 0, max, isArray, type: typeCode(t), choiceGroup: leaf }));
      if ((el.min ?? 0) >= 1) (required.get(parent) ?? required.set(parent, []).get(parent)!).push({ name: leaf, alternatives: names });
      continue;
    }
    // R4 types Resource.id as System.String; it is an `id` (resource.html#id), with the id pattern.
    const type = el.base?.path === 'Resource.id' ? 'id' : el.contentReference ? 'BackboneElement' : types[0] ? typeCode(types[0]) : 'BackboneElement';
    list.push({ name: leaf, path, min: el.min ?? 0, max, isArray, type, ...(hasChildren || el.contentReference ? { childrenPath: path } : {}) });
    if ((el.min ?? 0) >= 1) (required.get(parent) ?? required.set(parent, []).get(parent)!).push({ name: leaf, alternatives: [leaf] });
  }
  const models = new Map<string, ComplexModel>();
  for (const [parent, rules] of byParent) {
    models.set(parent, { rules: new Map(rules.map((r) => [r.name, r])), required: required.get(parent) ?? [] });
  }
  for (const [path, target] of contentRefs) {
    const model = models.get(target);
    if (model) models.set(path, model);
  }
  return models;
}

/** Regex of a primitive type, from its `value` element's regex extension, anchored. */
export function primitivePattern(sd: StructureDefinition): RegExp | undefined {
  const value = sd.snapshot?.element?.find((e) => e.path === `${sd.type}.value`);
  const regex = value?.type?.[0]?.extension?.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/regex')?.valueString;
  return regex ? new RegExp(`^(?:${regex})$`, 'u') : undefined;
}
