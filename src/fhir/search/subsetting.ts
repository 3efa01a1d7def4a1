import type { Coding, Resource } from '@medplum/fhirtypes';
import type { FhirDefinitions } from '../definitions/load-definitions.ts';

/** `_summary` and `_elements` (https://hl7.org/fhir/R4/search.html#summary): a subset is marked as such. */

export const SUBSETTED: Coding = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
};

type Json = Record<string, unknown>;

/** The element name a JSON key belongs to: `_birthDate` (a primitive's extensions) belongs to `birthDate`. */
function elementOf(key: string): string {
  return key.startsWith('_') ? key.slice(1) : key;
}

/** Choice elements are defined as `value[x]` and appear as `valueQuantity`, `valueString`… */
function inSet(names: ReadonlySet<string>, key: string, choiceNames: readonly string[]): boolean {
  const element = elementOf(key);
  if (names.has(element)) return true;
  return choiceNames.some((c) => element.length > c.length && element.startsWith(c) && /[A-Z]/.test(element[c.length]!) && names.has(c));
}

function choiceBases(defs: FhirDefinitions, type: string): string[] {
  return [...defs.elementNames(type)].filter((n) => n.endsWith('[x]')).map((n) => n.slice(0, -3));
}

function markSubsetted(resource: Json): void {
  const meta = { ...((resource.meta as Json | undefined) ?? {}) };
  const tags = [...((meta.tag as Coding[] | undefined) ?? [])];
  if (!tags.some((t) => t.system === SUBSETTED.system && t.code === SUBSETTED.code)) tags.push(SUBSETTED);
  resource.meta = { ...meta, tag: tags };
}

function keep(resource: Resource, wanted: (key: string) => boolean): Resource {
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) if (key === 'resourceType' || wanted(key)) out[key] = value;
  markSubsetted(out);
  return out as unknown as Resource;
}

function withChoices(names: ReadonlySet<string>): Set<string> {
  return new Set([...names].map((n) => (n.endsWith('[x]') ? n.slice(0, -3) : n)));
}

/**
 * `true`: the elements marked isSummary; `text`: text, id, meta and mandatory elements; `data`: all but
 * text; `false` and `count` leave the resource as it is.
 */
export function applySummary(resource: Resource, mode: 'true' | 'text' | 'data' | 'count' | 'false', defs: FhirDefinitions): Resource {
  const type = resource.resourceType;
  const choices = choiceBases(defs, type);
  switch (mode) {
    case 'true': {
      const names = withChoices(defs.summaryElements(type));
      return keep(resource, (key) => inSet(names, key, choices));
    }
    case 'text': {
      const names = withChoices(new Set(['text', 'id', 'meta', ...defs.mandatoryElements(type)]));
      return keep(resource, (key) => inSet(names, key, choices));
    }
    case 'data':
      return keep(resource, (key) => elementOf(key) !== 'text');
    default:
      return resource;
  }
}

/**
 * Only the named top-level elements, plus id, meta and the mandatory ones (which the spec asks servers
 * to keep). `Patient.name` is read as `name`, the R5 spelling.
 */
export function applyElements(resource: Resource, elements: readonly string[], defs: FhirDefinitions): Resource {
  const type = resource.resourceType;
  const requested = elements.map((e) => (e.startsWith(`${type}.`) ? e.slice(type.length + 1) : e).split('.')[0]!);
  const names = withChoices(new Set(['id', 'meta', ...defs.mandatoryElements(type), ...requested]));
  const choices = choiceBases(defs, type);
  return keep(resource, (key) => inSet(names, key, choices));
}
