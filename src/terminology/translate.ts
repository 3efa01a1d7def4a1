// https://hl7.org/fhir/R4/conceptmap.html: groups of source elements, each with targets and an equivalence
import type { Coding, ConceptMap, ConceptMapGroup } from '@medplum/fhirtypes';

export interface TranslateMatch {
  readonly equivalence: string;
  readonly concept?: Coding;
  /** Canonical URL of the concept map the match came from. */
  readonly source?: string;
}

export interface TranslateOptions {
  /** Only groups mapping into this code system (`targetsystem`). */
  readonly targetSystem?: string;
  /** Map from target codes back to source codes. */
  readonly reverse: boolean;
}

/** Read backwards, "the target is wider than the source" says the source is narrower than the target. */
const REVERSED: Readonly<Record<string, string>> = { wider: 'narrower', narrower: 'wider', subsumes: 'specializes', specializes: 'subsumes' };

/** Equivalences that say there is no acceptable match (https://hl7.org/fhir/R4/valueset-concept-map-equivalence.html). */
const NOT_A_MATCH = new Set(['unmatched', 'disjoint']);

export function isAcceptable(match: TranslateMatch): boolean {
  return !NOT_A_MATCH.has(match.equivalence);
}

function coding(system: string | undefined, version: string | undefined, code: string | undefined, display: string | undefined): Coding | undefined {
  if (code === undefined) return undefined;
  return { ...(system ? { system } : {}), ...(version ? { version } : {}), code, ...(display ? { display } : {}) };
}

function forward(group: ConceptMapGroup, input: Coding, source: string | undefined): TranslateMatch[] {
  const elements = (group.element ?? []).filter((e) => e.code === input.code);
  const matches = elements.flatMap((e) =>
    (e.target ?? []).map((t) => ({ equivalence: t.equivalence ?? 'equivalent', concept: coding(group.target, group.targetVersion, t.code, t.display), source })),
  );
  if (matches.length > 0 || elements.length > 0 || !group.unmapped) return matches;
  // https://hl7.org/fhir/R4/conceptmap-definitions.html#ConceptMap.group.unmapped: what to do with codes not listed.
  const { mode, code, display } = group.unmapped;
  if (mode === 'provided') return [{ equivalence: 'equal', concept: coding(group.target, group.targetVersion, input.code, input.display), source }];
  if (mode === 'fixed') return [{ equivalence: 'inexact', concept: coding(group.target, group.targetVersion, code, display), source }];
  return [];
}

function backward(group: ConceptMapGroup, input: Coding, source: string | undefined): TranslateMatch[] {
  return (group.element ?? []).flatMap((e) =>
    (e.target ?? [])
      .filter((t) => t.code === input.code)
      .map((t) => {
        const equivalence = t.equivalence ?? 'equivalent';
        return { equivalence: REVERSED[equivalence] ?? equivalence, concept: coding(group.source, group.sourceVersion, e.code, e.display), source };
      }),
  );
}

/** The matches one concept map gives for one coding. */
export function translateWith(map: ConceptMap, input: Coding, options: TranslateOptions): TranslateMatch[] {
  return (map.group ?? []).flatMap((group) => {
    const [from, to] = options.reverse ? [group.target, group.source] : [group.source, group.target];
    if (input.system !== undefined && from !== undefined && from !== input.system) return [];
    if (options.targetSystem !== undefined && to !== options.targetSystem) return [];
    return options.reverse ? backward(group, input, map.url) : forward(group, input, map.url);
  });
}

/** Whether a concept map goes between the value sets asked for (`source`, `target`; swapped when reversed). */
export function mapsBetween(map: ConceptMap, source: string | undefined, target: string | undefined, reverse: boolean): boolean {
  const [from, to] = reverse ? [target, source] : [source, target];
  const mapSource = map.sourceUri ?? map.sourceCanonical;
  const mapTarget = map.targetUri ?? map.targetCanonical;
  return (from === undefined || from === mapSource) && (to === undefined || to === mapTarget);
}
