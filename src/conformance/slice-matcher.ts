// https://hl7.org/fhir/R4/profiling.html#discriminator — which slice a repeating value belongs to
import { equalsFixed, matchesPattern } from './fixed-pattern.ts';
import type { Discriminator, ProfileElement, Slicing } from './profile-model.ts';

/** One value of an element, as the profile walk sees it. */
export interface Item {
  readonly value: unknown;
  /** Its FHIR type: the choice suffix for `value[x]`, the resourceType for a resource, else the element's type. */
  readonly type: string;
  readonly at: string;
}

export interface SliceContext {
  /** FHIR type named by a choice suffix (`Quantity`, `DateTime` → dateTime). */
  typeOfSuffix(suffix: string): string | undefined;
  /** Whether a value conforms to a profile; undefined when the profile is not known. */
  conforms(item: Item, profileUrl: string): boolean | undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function push(out: Item[], value: unknown, type: string, at: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => v !== null && v !== undefined && out.push({ value: v, type, at: `${at}[${i}]` }));
  else if (value !== undefined && value !== null) out.push({ value, type, at });
}

function typeOfValue(value: unknown, fallback: string): string {
  return isObject(value) && typeof value.resourceType === 'string' ? value.resourceType : fallback;
}

/** The values at a discriminator path (a restricted FHIRPath: names, `extension('url')`, `ofType(T)`); undefined when unsupported. */
export function valuesAtPath(item: Item, path: string, ctx: SliceContext): Item[] | undefined {
  let current: Item[] = [{ ...item, type: typeOfValue(item.value, item.type) }];
  for (const step of path === '$this' ? [] : path.split(/\.(?![^(]*\))/)) {
    const next: Item[] = [];
    const ext = /^extension\('([^']+)'\)$/.exec(step);
    const ofType = /^ofType\(([A-Za-z]+)\)$/.exec(step);
    if (ofType) {
      current = current.filter((c) => c.type.toLowerCase() === ofType[1]!.toLowerCase());
      continue;
    }
    if (step.includes('(') && !ext) return undefined;
    for (const c of current) {
      if (!isObject(c.value)) continue;
      if (ext) {
        push(next, (Array.isArray(c.value.extension) ? c.value.extension : []).filter((e) => isObject(e) && e.url === ext[1]), 'Extension', `${c.at}.extension`);
        continue;
      }
      if (step in c.value) push(next, c.value[step], typeOfValue(c.value[step], 'Element'), `${c.at}.${step}`);
      else for (const key of Object.keys(c.value)) {
        const type = key.startsWith(step) ? ctx.typeOfSuffix(key.slice(step.length)) : undefined;
        if (type) push(next, c.value[key], type, `${c.at}.${key}`);
      }
    }
    current = next;
  }
  return current;
}

/** The element of a slice's definition at a discriminator path. */
function targetAt(slice: ProfileElement, path: string): ProfileElement | undefined {
  let node: ProfileElement | undefined = slice;
  for (const step of path === '$this' ? [] : path.split('.')) {
    if (/^ofType\(/.test(step)) continue;
    const ext = /^extension\('([^']+)'\)$/.exec(step);
    if (ext) {
      node = node?.children.find((c) => c.name === 'extension')?.slicing?.slices.find((s) => s.types?.some((t) => t.profiles.includes(ext[1]!)));
      continue;
    }
    node = node?.children.find((c) => c.name === step);
  }
  return node;
}

function matches(item: Item, slice: ProfileElement, d: Discriminator, ctx: SliceContext): boolean {
  const values = valuesAtPath(item, d.path, ctx);
  if (!values) return false;
  const target = targetAt(slice, d.path);
  switch (d.type) {
    case 'value':
    case 'pattern':
      if (target?.fixed !== undefined) return values.some((v) => equalsFixed(v.value, target.fixed));
      if (target?.pattern !== undefined) return values.some((v) => matchesPattern(v.value, target.pattern));
      // Extension slices name their url through the type profile rather than a fixed url element.
      if (d.path === 'url' && slice.types?.[0]?.profiles[0]) return values.some((v) => v.value === slice.types![0]!.profiles[0]);
      // A binding as discriminator needs the terminology service; it is taken as matching any value (documented in CROSS-CHECK.md).
      if (target?.checks?.binding) return values.length > 0;
      return false;
    case 'exists':
      return target !== undefined && (target.min >= 1 ? values.length > 0 : target.max === 0 ? values.length === 0 : true);
    case 'type': {
      const allowed = (target?.types ?? [{ code: target?.typeCode ?? '' }]).map((t) => t.code);
      return values.length > 0 && values.every((v) => allowed.includes(v.type));
    }
    case 'profile': {
      const profiles = (target?.types ?? []).flatMap((t) => t.profiles);
      return values.length > 0 && values.every((v) => profiles.some((p) => ctx.conforms(v, p) === true));
    }
    default:
      return false;
  }
}

/** For each item, the index of the first slice it belongs to, or -1. */
export function assignSlices(items: readonly Item[], slicing: Slicing, ctx: SliceContext): number[] {
  return items.map((item) => slicing.slices.findIndex((slice) => slicing.discriminators.length > 0 && slicing.discriminators.every((d) => matches(item, slice, d, ctx))));
}
