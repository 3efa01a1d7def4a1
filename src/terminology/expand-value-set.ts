// https://hl7.org/fhir/R4/valueset.html#compose: include, exclude, concept lists, filters and nested value sets
import type { CodeSystem, ValueSet, ValueSetComposeInclude, ValueSetExpansionContains } from '@medplum/fhirtypes';
import { TerminologyErrors, refusal } from './errors.ts';
import { conceptPredicate } from './filter-predicate.ts';
import type { Found, Resolver } from './terminology-sources.ts';
import { ConceptSet, type ExpandedConcept } from './concept-set.ts';
import { externalSystemReason } from './external-systems.ts';

/** Above this many codes an expansion is refused (too-costly) rather than built. */
export const MAX_EXPANSION = 10_000;

/** Part of a value set the server cannot enumerate, for example a filter over SNOMED CT. */
export interface OpenPart {
  readonly system?: string;
  readonly reason: string;
}

export interface Expansion {
  readonly concepts: ConceptSet;
  /** Includes that could not be enumerated: codes of these systems may be members although not listed. */
  readonly openIncludes: readonly OpenPart[];
  /** Excludes that could not be enumerated: listed codes of these systems may in fact be excluded. */
  readonly openExcludes: readonly OpenPart[];
  /** False when a stored resource took part, so the result may change and is not cached. */
  readonly stable: boolean;
}

interface IncludePart {
  concepts: ConceptSet;
  open: OpenPart[];
  uncertain: OpenPart[];
  stable: boolean;
}

function label(valueSet: ValueSet): string {
  return valueSet.url ?? (valueSet.id ? `ValueSet/${valueSet.id}` : 'in the request');
}

function flatten(contains: readonly ValueSetExpansionContains[], into: ConceptSet): void {
  for (const c of contains) {
    if (c.system && c.code) into.add({ system: c.system, version: c.version, code: c.code, display: c.display, abstract: c.abstract, inactive: c.inactive });
    flatten(c.contains ?? [], into);
  }
}

/** The codes of one include (or exclude) that name a code system, or the reason they cannot be listed. */
function systemPart(include: ValueSetComposeInclude & { system: string }, found: Found<CodeSystem> | undefined, resolver: Resolver, part: IncludePart): void {
  const held = found && found.resource.content !== 'not-present' ? resolver.sources.index(found.resource) : undefined;
  const complete = held?.codeSystem.content === 'complete' || held?.codeSystem.content === 'supplement';
  const base = { system: include.system, ...(include.version ? { version: include.version } : {}) };
  if (include.concept) {
    for (const listed of include.concept) {
      const known = held?.get(listed.code ?? '');
      if (!known && complete) continue;
      const display = listed.display ?? known?.display;
      part.concepts.add({ ...base, code: known?.code ?? listed.code ?? '', display, designation: listed.designation, abstract: known?.abstract, inactive: known?.inactive });
    }
    return;
  }
  if (!held) {
    part.open.push({ system: include.system, reason: externalSystemReason(include.system) });
    return;
  }
  const predicates = (include.filter ?? []).map((f) => conceptPredicate(held, f));
  for (const concept of held.all()) {
    if (predicates.every((p) => p(concept))) part.concepts.add({ ...base, code: concept.code, display: concept.display, abstract: concept.abstract, inactive: concept.inactive });
  }
  if (!complete) part.open.push({ system: include.system, reason: `code system ${include.system} is only partly held (content: ${held.codeSystem.content})` });
}

async function expandInclude(include: ValueSetComposeInclude, resolver: Resolver, trail: readonly string[]): Promise<IncludePart> {
  const part: IncludePart = { concepts: new ConceptSet(MAX_EXPANSION, trail[trail.length - 1] ?? ''), open: [], uncertain: [], stable: true };
  const nested: ConceptSet[] = [];
  for (const url of include.valueSet ?? []) {
    const found = await resolver.find('ValueSet', url);
    if (!found) {
      part.open.push({ reason: `value set ${url} is not known to this server` });
      continue;
    }
    const expansion = await expandValueSet(found.resource, resolver, { cacheable: found.origin !== 'stored', trail });
    nested.push(expansion.concepts);
    part.open.push(...expansion.openIncludes);
    part.uncertain.push(...expansion.openExcludes);
    part.stable &&= expansion.stable;
  }
  if (include.system) {
    const version = include.version ? `|${include.version}` : '';
    const found = await resolver.find('CodeSystem', `${include.system}${version}`);
    part.stable &&= found?.origin !== 'stored';
    systemPart({ ...include, system: include.system }, found, resolver, part);
    for (const set of nested) part.concepts.keepOnly(set);
  } else if (nested.length > 0) {
    part.concepts.addAll(nested[0]!);
    for (const set of nested.slice(1)) part.concepts.keepOnly(set);
  }
  return part;
}

export interface ExpandOptions {
  /** True for value sets of the package and the base R4 content: their expansion cannot change. */
  readonly cacheable: boolean;
  readonly trail?: readonly string[];
}

/** Expands a value set completely (up to MAX_EXPANSION codes); what it cannot enumerate it reports as open. */
export async function expandValueSet(valueSet: ValueSet, resolver: Resolver, options: ExpandOptions): Promise<Expansion> {
  const cached = options.cacheable ? resolver.sources.expansions.get(valueSet) : undefined;
  if (cached) return cached;
  const name = label(valueSet);
  const trail = options.trail ?? [];
  if (trail.includes(name)) throw refusal(TerminologyErrors.valueSetCycle, [name, [...trail, name].join(' > ')], 'not-supported');
  const expansion = valueSet.compose ? await expandCompose(valueSet, resolver, [...trail, name]) : precomputed(valueSet, name);
  if (options.cacheable && expansion.stable) resolver.sources.expansions.set(valueSet, expansion);
  return expansion;
}

function precomputed(valueSet: ValueSet, name: string): Expansion {
  const concepts = new ConceptSet(MAX_EXPANSION, name);
  flatten(valueSet.expansion?.contains ?? [], concepts);
  const open = valueSet.expansion ? [] : [{ reason: `value set ${name} has neither a compose nor an expansion` }];
  return { concepts, openIncludes: open, openExcludes: [], stable: true };
}

async function expandCompose(valueSet: ValueSet, resolver: Resolver, trail: readonly string[]): Promise<Expansion> {
  const concepts = new ConceptSet(MAX_EXPANSION, trail[trail.length - 1]!);
  const openIncludes: OpenPart[] = [];
  const openExcludes: OpenPart[] = [];
  let stable = true;
  for (const include of valueSet.compose?.include ?? []) {
    const part = await expandInclude(include, resolver, trail);
    concepts.addAll(part.concepts);
    openIncludes.push(...part.open);
    openExcludes.push(...part.uncertain);
    stable &&= part.stable;
  }
  for (const exclude of valueSet.compose?.exclude ?? []) {
    const part = await expandInclude(exclude, resolver, trail);
    concepts.removeAll(part.concepts);
    openExcludes.push(...part.open, ...part.uncertain);
    stable &&= part.stable;
  }
  if (valueSet.compose?.inactive === false) concepts.removeWhere((c: ExpandedConcept) => c.inactive === true);
  return { concepts, openIncludes, openExcludes, stable };
}
