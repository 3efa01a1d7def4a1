// https://hl7.org/fhir/R4/valueset-definitions.html#ValueSet.compose.include.filter (operators: filter-operator)
import type { ValueSetComposeIncludeFilter } from '@medplum/fhirtypes';
import type { CodeSystemIndex, IndexedConcept } from './code-system-index.ts';
import { TerminologyErrors } from './errors.ts';

export type ConceptPredicate = (concept: IndexedConcept) => boolean;

function list(value: string): Set<string> {
  return new Set(value.split(',').map((v) => v.trim()).filter((v) => v !== ''));
}

function compile(pattern: string, filter: ValueSetComposeIncludeFilter): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    throw TerminologyErrors.invalidFilter([filter.property ?? '', filter.op ?? '', pattern, (err as Error).message]);
  }
}

/** Filters on the concept itself: `concept` (or `code`) with the hierarchy operators. */
function onConcept(index: CodeSystemIndex, op: string, value: string, filter: ValueSetComposeIncludeFilter): ConceptPredicate | undefined {
  switch (op) {
    case 'is-a':
      return (c) => index.subsumedBy(c.code, value);
    case 'descendent-of':
      return (c) => c.code !== index.get(value)?.code && index.subsumedBy(c.code, value);
    case 'is-not-a':
      return (c) => !index.subsumedBy(c.code, value);
    case 'generalizes':
      return (c) => index.subsumedBy(value, c.code);
    case '=':
      return (c) => c.code === index.get(value)?.code;
    case 'in':
      return (c) => list(value).has(c.code);
    case 'not-in':
      return (c) => !list(value).has(c.code);
    case 'regex': {
      const re = compile(value, filter);
      return (c) => re.test(c.code);
    }
    default:
      return undefined;
  }
}

/** The values of a property of a concept as strings (codes, strings, booleans and numbers compare as text). */
function values(concept: IndexedConcept, property: string): string[] {
  if (property === 'display') return concept.display === undefined ? [] : [concept.display];
  if (property === 'parent') return [...concept.parents];
  if (property === 'child') return [...concept.children];
  return concept.property
    .filter((p) => p.code === property)
    .map((p) => p.valueCode ?? p.valueString ?? p.valueCoding?.code ?? p.valueBoolean ?? p.valueInteger ?? p.valueDecimal ?? p.valueDateTime)
    .filter((v) => v !== undefined)
    .map(String);
}

/** Filters on a property: `=`, `in`, `not-in`, `regex` and `exists`. */
function onProperty(property: string, op: string, value: string, filter: ValueSetComposeIncludeFilter): ConceptPredicate | undefined {
  switch (op) {
    case '=':
      return (c) => values(c, property).includes(value);
    case 'in':
      return (c) => values(c, property).some((v) => list(value).has(v));
    case 'not-in':
      return (c) => !values(c, property).some((v) => list(value).has(v));
    case 'regex': {
      const re = compile(value, filter);
      return (c) => values(c, property).some((v) => re.test(v));
    }
    case 'exists':
      return (c) => (values(c, property).length > 0) === (value === 'true');
    default:
      return undefined;
  }
}

/** Turns one `compose.include.filter` into a test on the concepts of a code system the server holds. */
export function conceptPredicate(index: CodeSystemIndex, filter: ValueSetComposeIncludeFilter): ConceptPredicate {
  const property = filter.property ?? '';
  const op = filter.op ?? '';
  const value = filter.value ?? '';
  const predicate = property === 'concept' || property === 'code' ? onConcept(index, op, value, filter) : onProperty(property, op, value, filter);
  if (!predicate) throw TerminologyErrors.unsupportedFilter([property, op, value, index.codeSystem.url ?? '']);
  return predicate;
}
